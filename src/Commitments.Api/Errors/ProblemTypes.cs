namespace Commitments.Api.Errors;

/// <summary>
/// One kind of problem: its stable type URI (what a client branches on, never the English), the status it comes with, the
/// extension members it carries beside type, title, status, detail and traceId, and an example detail.
/// </summary>
public sealed record ProblemType(string Slug, int Status, string Title, string When, string Detail, params string[] Extensions)
{
    public string Uri => ProblemTypes.Base + Slug;
}

/// <summary>
/// Every problem type the API answers with, in one place: the document's description and the README list them. A status
/// answered without a more precise type gets that status's general type (<see cref="For"/>).
/// </summary>
public static class ProblemTypes
{
    /// <summary>Identifiers, not addresses: they never change with the host the API runs on.</summary>
    public const string Base = "https://commitments.example/problems/";

    public static readonly ProblemType InvalidRequest = new("invalid-request", 400, "The request is invalid",
        "A field, query parameter or header is malformed, missing or out of its limits; or the body cannot be read at all (errors names body).",
        "See errors: each names the field at fault.", "errors");
    public static readonly ProblemType Unauthenticated = new("unauthenticated", 401, "Authentication required",
        "No API key where one is required, or a key that is unknown, revoked, expired or malformed (even on a public read).",
        "Send a valid API key in the X-Api-Key header.");
    public static readonly ProblemType Forbidden = new("forbidden", 403, "Forbidden",
        "The key's role may not do this, or a liaison acted for another participant.", "A liaison may file only its own participant's updates (GB).");
    public static readonly ProblemType NotFound = new("not-found", 404, "Not found",
        "The resource in the path does not exist, or the caller may not see it.", "Update '0190001f-0000-7000-8000-00000000001f' does not exist.");
    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405, "Method not allowed",
        "The path exists but not with this method; the Allow header lists the methods.", "The path does not take this method.");
    public static readonly ProblemType NotAcceptable = new("not-acceptable", 406, "Not acceptable",
        "The Accept header names no media type the resource is available as.", "This resource is available as application/json, text/csv; ask for one of them in Accept (or send */*).",
        "available");
    public static readonly ProblemType RequestTimeout = new("request-timeout", 408, "Request timeout",
        "The request's headers or body arrived too slowly.", "The request did not arrive in time; send it again.");
    public static readonly ProblemType AlreadyFiled = new("already-filed", 409, "Already filed",
        "An update for the same participant, commitment and cycle exists: amend it (existing) instead of filing another.",
        "An update for GB x BD-1 x seoul-2024 already exists: 0190001f-0000-7000-8000-00000000001f. Amend it instead.", "existingId", "existing");
    public static readonly ProblemType AlreadyLinked = new("already-linked", 409, "Already linked",
        "The two commitments are already linked in the crosswalk; remove that link (existing) first to change it.",
        "BD-1 and CS-2 are already linked (asks_same): remove that link first to change it.", "existingId", "existing");
    public static readonly ProblemType AlreadyExists = new("already-exists", 409, "Already exists",
        "A commitment, participant, cycle or exemption with that id or for that obligation exists.", "Cycle 'seoul-2024' already exists.");
    public static readonly ProblemType IllegalTransition = new("illegal-transition", 409, "Not allowed in this state",
        "The update's state (currentState) does not allow the action: e.g. withdrawing an accepted update, or amending a copy's target that was accepted.",
        "An update that is accepted cannot be withdrawn.", "currentState");
    public static readonly ProblemType CycleNotOpen = new("cycle-not-open", 409, "Cycle not open",
        "A liaison files and changes updates only while the cycle is open.", "Cycle 'bletchley-2023' is closed: liaisons can only file in an open cycle.");
    public static readonly ProblemType Conflict = new("conflict", 409, "Conflict",
        "Another rule of the current state refuses the change: the last active secretariat key cannot be revoked; a cycle's daily limit of frozen packs is reached.",
        "API key '0190001f-0000-7000-8000-00000000001f' is the last active secretariat key; issue another secretariat key before revoking this one.");
    public static readonly ProblemType StaleRevision = new("stale-revision", 412, "Precondition failed",
        "If-Match (or a sheet row's basedOnRevision) names a revision that is no longer current: fetch the update again and reapply the change.",
        "The update is at revision 3; If-Match named revision 2.");
    public static readonly ProblemType ContentTooLarge = new("content-too-large", 413, "Request body too large",
        "The body is over the route's limit (256 KiB; 4 MiB for a bulk upload).", "The request body is over 262144 bytes.");
    public static readonly ProblemType UriTooLong = new("uri-too-long", 414, "Request line too long", "The request line is over 8 KiB.", "The request line is over 8192 bytes.");
    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", 415, "Unsupported media type",
        "The body's Content-Type is not one the operation takes.", "Send the rows as one of: application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.");
    public static readonly ProblemType NotAnObligation = new("not-an-obligation", 422, "Not an obligation",
        "The participant does not owe an answer on that commitment in that cycle (not endorsed, or the commitment applies to others); errors names the field.",
        "GB did not endorse FAISC-I, which applies to companies.", "errors");
    public static readonly ProblemType UnknownReference = new("unknown-reference", 422, "Unknown reference",
        "The body refers to something that does not exist (a participant, commitment, cycle, instrument); errors names the field.",
        "Commitment 'BD-99' does not exist.", "errors");
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", 422, "Idempotency-Key reused",
        "The Idempotency-Key was already used by this API key with a different request; use a new key for a new request.",
        "Idempotency-Key 'gb-bd1-2024-05-01' was already used with a different request.");
    public static readonly ProblemType Unprocessable = new("unprocessable-content", 422, "Request cannot be processed",
        "The body is well-formed but cannot be applied as the resource stands (a field that does not apply, rows of an upload that cannot be filed); errors names each field or rows[i].column.",
        "1 of 3 rows cannot be filed; nothing was written.", "errors");
    public static readonly ProblemType RevisionRequired = new("revision-required", 428, "Precondition required",
        "The change needs If-Match with the update's ETag, so concurrent changes cannot overwrite each other.",
        "Send If-Match with the update's ETag, so concurrent amendments cannot overwrite each other.");
    public static readonly ProblemType TooManyRequests = new("too-many-requests", 429, "Too many requests",
        "The key's (or address's) allowance is used up, or too many failed keys came from this address; wait Retry-After seconds.",
        "Try again after the time in Retry-After.");
    public static readonly ProblemType HeadersTooLarge = new("request-header-fields-too-large", 431, "Request headers too large",
        "More than 100 headers, or more than 32 KiB of them.", "The request has more than 100 headers.");
    public static readonly ProblemType Internal = new("internal-error", 500, "An unexpected error occurred",
        "A fault of the server's; quote the traceId when reporting it.", "The error has been logged; quote the traceId when reporting it.");
    public static readonly ProblemType Unavailable = new("unavailable", 503, "Service unavailable",
        "The database is unavailable or busy, or the server is stopping; nothing was changed; retry after Retry-After.",
        "Nothing was changed. Try again after the time in Retry-After.");

    public static readonly IReadOnlyList<ProblemType> All =
    [
        InvalidRequest, Unauthenticated, Forbidden, NotFound, MethodNotAllowed, NotAcceptable, RequestTimeout,
        AlreadyFiled, AlreadyLinked, AlreadyExists, IllegalTransition, CycleNotOpen, Conflict, StaleRevision, ContentTooLarge, UriTooLong,
        UnsupportedMediaType, NotAnObligation, UnknownReference, IdempotencyKeyReused, Unprocessable, RevisionRequired, TooManyRequests,
        HeadersTooLarge, Internal, Unavailable,
    ];

    private static readonly Dictionary<int, ProblemType> General = new()
    {
        [400] = InvalidRequest, [401] = Unauthenticated, [403] = Forbidden, [404] = NotFound, [405] = MethodNotAllowed, [406] = NotAcceptable,
        [408] = RequestTimeout, [409] = Conflict, [412] = StaleRevision, [413] = ContentTooLarge, [414] = UriTooLong, [415] = UnsupportedMediaType,
        [422] = Unprocessable, [428] = RevisionRequired, [429] = TooManyRequests, [431] = HeadersTooLarge, [500] = Internal, [503] = Unavailable,
    };

    /// <summary>The general type of a status; about:blank (RFC 9457's "no more than the status") for one the API does not use.</summary>
    public static string For(int? status) => status is { } s && General.TryGetValue(s, out var type) ? type.Uri : "about:blank";
}
