using Commitments.Api.Http;
using Commitments.Api.Receipts;
using Commitments.Infrastructure.Receipts;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commitments.Api.Features.Updates;

public static class GetReceipt
{
    /// <summary>
    /// The receipt of one revision, again: to whoever may see that revision (<see cref="Visibility"/>), and to nobody else,
    /// for whom the revision does not exist. A receipt holds hashes, never content.
    /// </summary>
    public static async Task<Results<Ok<ReceiptDto>, NotFoundProblem>> GetReceiptAsync(string id, int number, UpdateStore updates,
        TransparencyLog log, RecordSigning signing, RequestContext request, HttpContext context, CancellationToken ct)
    {
        var caller = request.Actor.Caller;
        if (await updates.GetAsync(id, ct) is not { } stored || !Visibility.CanSee(caller, stored.Update))
            return Problems.NotFound("Update", id);
        if (await updates.RevisionAsync(id, number, ct) is not { } revision || !Visibility.CanSee(caller, stored.Update.ParticipantId, revision)
            || await log.SealOfAsync(id, number, ct) is not { Seal: { } seal })
            return Problems.NotFound($"Revision of update {id}", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var receipt = await signing.ReceiptAsync(id, number, revision.RecordedAt, seal, ct);
        context.Response.Headers[ReceiptDto.Header] = receipt.ToHeader();
        return TypedResults.Ok(receipt);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/{id}/revisions/{number:int}/receipt", GetReceiptAsync)
        .WithName("GetReceipt")
        .WithSummary("The receipt of one revision: its hash, chain hash and log index, signed by the log; a revision the key may not see is 404")
        .WithDescription("The same receipt the write that recorded the revision answered (signed again, so the signature bytes differ). "
            + "Check it with the public key at /.well-known/commitments-log-key and an inclusion proof from /v1/log/proofs/inclusion.");
}
