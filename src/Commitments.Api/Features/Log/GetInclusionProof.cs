using System.Text.RegularExpressions;
using Commitments.Api.Http;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Receipts;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Log;

public static partial class GetInclusionProof
{
    /// <summary>Which revision, and in which tree.</summary>
    /// <param name="Update">The update the revision belongs to: the receipt's updateId.</param>
    /// <param name="Revision">The revision hash from its receipt (64 lowercase hex digits).</param>
    /// <param name="TreeSize">The size of a tree head you hold; the current size when left out.</param>
    public sealed record Query([FromQuery(Name = "update")] string? Update, [FromQuery(Name = "revision")] string? Revision,
        [FromQuery(Name = "treeSize")] long? TreeSize);

    public sealed partial class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Revision).NotEmpty().Must(r => r is null || HexHash().IsMatch(r))
                .WithMessage("revision must be a revision hash: 64 lowercase hex digits.");
            // The hash is looked up among the update's revisions: a log-wide index of random hashes would cost every write
            // a random insert (README, "Receipts and the log").
            const string update = "update must be the receipt's updateId: the revision hash is looked up among that update's revisions.";
            RuleFor(q => q.Update).NotEmpty().WithMessage(update).MaximumLength(64).WithMessage(update);
            RuleFor(q => q.TreeSize).GreaterThanOrEqualTo(1);
        }
    }

    [GeneratedRegex(@"\A[0-9a-f]{64}\z")]
    internal static partial Regex HexHash();

    /// <summary>
    /// RFC 9162 2.1.3: the audit path from the revision's leaf to the root of the tree of treeSize entries. Recompute the root
    /// from leafHash = SHA-256(0x00 || revision hash bytes) and the path, and compare it with a signed tree head of that size.
    /// </summary>
    /// <param name="RevisionHash">The revision hash asked about.</param>
    /// <param name="LogIndex">Its leaf's index.</param>
    /// <param name="TreeSize">The tree the path leads up to.</param>
    /// <param name="LeafHash">SHA-256(0x00 || revision hash bytes), hex.</param>
    /// <param name="RootHash">The root of that tree, which the path must lead to (check it against a signed tree head).</param>
    /// <param name="AuditPath">The sibling hashes from the leaf up, hex.</param>
    public sealed record InclusionProof(string RevisionHash, long LogIndex, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> AuditPath);

    public static async Task<Results<Ok<InclusionProof>, NotFoundProblem>> GetInclusionProofAsync([AsParameters] Query query, TransparencyLog log,
        UpdateStore updates, RequestContext request, CancellationToken ct)
    {
        var caller = request.Actor.Caller;
        var notFound = Problems.NotFound($"Revision of update {query.Update} with hash", query.Revision!);
        // A revision the caller may not see does not exist for it, exactly as its read would answer.
        if (await log.SealByHashAsync(query.Update!, query.Revision!, ct) is not { LogIndex: { } index } seal
            || await updates.GetAsync(seal.UpdateId, ct) is not { } stored || !Visibility.CanSee(caller, stored.Update)
            || await updates.RevisionAsync(seal.UpdateId, (int)seal.Number, ct) is not { } revision
            || !Visibility.CanSee(caller, stored.Update.ParticipantId, revision))
            return notFound;
        var size = await log.SizeAsync(ct);
        var treeSize = query.TreeSize ?? size;
        if (treeSize > size) throw new RequestValidationException("treeSize", $"The log holds {size} entries; treeSize cannot be larger.");
        if (index >= treeSize)
            throw new RequestValidationException("treeSize", $"The revision is entry {index} of the log: it is in trees of {index + 1} entries or more.");
        return TypedResults.Ok(new InclusionProof(query.Revision!, index, treeSize,
            Record.Hex(MerkleTree.LeafHash(Convert.FromHexString(query.Revision!))),
            Record.Hex(await log.RangeHashAsync(new LeafRange(0, treeSize), ct)),
            await log.ProofAsync(MerkleTree.InclusionPath(index, treeSize), ct)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/proofs/inclusion", GetInclusionProofAsync).Validates<Query>()
        .WithName("GetInclusionProof")
        .WithSummary("Proof that a revision is in the log's tree of a given size (RFC 9162 inclusion proof); a revision the key may not see is 404");
}
