CREATE TABLE app_user (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,64}$'),
    display_name  text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('command', 'grid_leader', 'grid_officer', 'official', 'admin')),
    officer_id    bigint NULL REFERENCES officer (id),
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- The grids a user may see: each row grants the grid and all its descendants.
-- Command, official and admin users see the whole district and need no rows.
CREATE TABLE user_grid_scope (
    user_id   bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    grid_code text   NOT NULL,
    PRIMARY KEY (user_id, grid_code)
);

-- Bearer tokens for API clients. Only a SHA-256 of the token is stored.
CREATE TABLE api_token (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  bytea  NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz NULL
);
