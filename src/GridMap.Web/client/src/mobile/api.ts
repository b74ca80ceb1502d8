// Requests to the GridMap API with the console's cookie and the page's antiforgery token, and
// the problem details (RFC 7807) it answers with.

export interface Problem {
  status: number;
  title: string;
  /** Field name → messages, as ASP.NET Core's validation problems carry them. */
  errors: Record<string, string[]>;
  body: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

/** The antiforgery token that the page's form carries (rendered by <AntiforgeryToken />). */
export function antiforgeryToken(form: HTMLFormElement): string {
  const input = form.querySelector<HTMLInputElement>('input[name="__RequestVerificationToken"]');
  return input?.value ?? "";
}

async function readProblem(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status alone.
  }
  const errors = (body.errors as Record<string, string[]> | undefined) ?? {};
  const title = typeof body.title === "string" ? body.title : `${response.status} ${response.statusText}`;
  return { status: response.status, title, errors, body };
}

/** POSTs and returns the JSON answer; a non-2xx answer throws an ApiError with its problem. */
export async function post<T>(url: string, body: FormData | object, token: string): Promise<T> {
  const headers: Record<string, string> = { RequestVerificationToken: token, Accept: "application/json" };
  let payload: BodyInit;
  if (body instanceof FormData) {
    payload = body; // the browser sets multipart/form-data with its boundary
  } else {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method: "POST", body: payload, headers, credentials: "same-origin" });
  if (response.status === 401) {
    // The session expired: the page goes through sign-in and comes back.
    window.location.reload();
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  return (await response.json()) as T;
}

export interface CaseCreated {
  id: number;
  number: string;
  gridCode: string;
  state: string;
  deadline: string | null;
  assignee: { officerId: number; name: string | null } | null;
}

export interface DuplicateCandidate {
  id: number;
  number: string;
  state: string;
  distanceMetres: number;
  sameBuilding: boolean;
}

export interface PhotoStored {
  id: string;
  sha256: string;
  type: string;
  bytes: number;
  url: string;
}
