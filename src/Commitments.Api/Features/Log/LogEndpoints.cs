using Commitments.Api.Receipts;
using Commitments.Infrastructure.Receipts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Log;

/// <summary>
/// The log over every revision and frozen pack: its signed head, inclusion and consistency proofs (RFC 9162 section 2.1),
/// and the public key that checks its signatures. The head and consistency proofs name no entry, so any key may read
/// them; an inclusion proof names a revision, so only a caller who may see that revision gets it.
/// </summary>
public static class LogEndpoints
{
    public const string KeyPath = "/.well-known/commitments-log-key";

    public static IEndpointRouteBuilder MapLog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/log").WithTags("Log").RequireAuthorization(Policies.KeyHolder);
        group.MapGet("/tree-head", GetTreeHeadAsync)
            .WithName("GetTreeHead")
            .WithSummary("The log's current tree head (size and RFC 9162 root over every revision and frozen pack), signed now");
        GetInclusionProof.Map(group);
        GetConsistencyProof.Map(group);

        app.MapGet(KeyPath, GetLogKeyAsync)
            .AllowAnonymous()
            .WithTags("Log")
            .WithName("GetLogKey")
            .WithSummary("The public key that checks receipts and tree heads: ECDSA P-256, SubjectPublicKeyInfo PEM")
            .WithDescription("Its key id (keyId in receipts and tree heads) is the lowercase hex SHA-256 of the key's DER bytes (the PEM's base64 decoded).")
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
        return app;
    }

    public static async Task<Ok<SignedTreeHeadDto>> GetTreeHeadAsync(RecordSigning signing, CancellationToken ct) =>
        TypedResults.Ok(await signing.TreeHeadAsync(ct));

    public static async Task<ContentHttpResult> GetLogKeyAsync(LogSigner signer, HttpContext context, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(await signer.PublicKeyPemAsync(ct), "application/x-pem-file");
    }
}
