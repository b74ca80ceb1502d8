-- Open311 GeoReport v2: the API keys of other systems and the public, and what an Open311
-- report carries beyond the case itself (the reporter's contact, the media URL). See docs/api.md.

-- A key is shown once when it is created; only its SHA-256 and a short prefix (to recognise it
-- in a list) are stored, so a copy of the database holds no usable key. Keys are never deleted:
-- a case filed through one keeps naming it (reported_by = 'open311:<id>').
CREATE TABLE open311_api_key (
    id            bigserial   PRIMARY KEY,
    name          text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    owner         text        NOT NULL CHECK (length(btrim(owner)) BETWEEN 1 AND 200),
    contact       text        NULL CHECK (length(contact) <= 200),
    key_prefix    text        NOT NULL CHECK (length(key_prefix) BETWEEN 4 AND 16),
    key_hash      bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    revoked_by    text        NULL,
    revoked_at    timestamptz NULL,
    last_used_at  timestamptz NULL,
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

-- One row per case filed through Open311. The contact fields are personal data: only the
-- command centre and administrators read them (GET /api/v1/open311/requests/{caseId}/reporter);
-- the GeoReport GET methods never return them. media_url is kept as text and never fetched.
-- possible_duplicates: open cases of the same kind nearby when it was filed, for the verifier.
-- Truncated with hazard_case when a district is regenerated (it references it).
CREATE TABLE open311_request (
    case_id              bigint      PRIMARY KEY REFERENCES hazard_case (id),
    api_key_id           bigint      NOT NULL REFERENCES open311_api_key (id),
    address_string       text        NULL CHECK (length(address_string) <= 500),
    media_url            text        NULL CHECK (length(media_url) <= 2000),
    email                text        NULL CHECK (length(email) <= 254),
    first_name           text        NULL CHECK (length(first_name) <= 100),
    last_name            text        NULL CHECK (length(last_name) <= 100),
    phone                text        NULL CHECK (length(phone) <= 40),
    device_id            text        NULL CHECK (length(device_id) <= 200),
    account_id           text        NULL CHECK (length(account_id) <= 200),
    possible_duplicates  bigint[]    NOT NULL DEFAULT '{}',
    received_at          timestamptz NOT NULL
);
CREATE INDEX open311_request_key ON open311_request (api_key_id);
