using Commitments.Api.Http;
using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Receipts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Log;

public static class GetConsistencyProof
{
    /// <summary>Two tree sizes.</summary>
    /// <param name="From">The smaller size (a tree head you held before), at least 1.</param>
    /// <param name="To">The larger size (a tree head you hold now), at most the log's size.</param>
    public sealed record Query([FromQuery(Name = "from")] long? From, [FromQuery(Name = "to")] long? To);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.From).NotNull().GreaterThanOrEqualTo(1);
            RuleFor(q => q.To).NotNull().GreaterThanOrEqualTo(1);
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("to must be at least from.");
        }
    }

    /// <summary>RFC 9162 2.1.4: the hashes that prove the tree of size from is a prefix of the tree of size to.</summary>
    /// <param name="From">The smaller tree size.</param>
    /// <param name="To">The larger tree size.</param>
    /// <param name="FromRootHash">The root of the smaller tree (compare with the signed head you held).</param>
    /// <param name="ToRootHash">The root of the larger tree (compare with the signed head you hold).</param>
    /// <param name="Proof">The proof's hashes in RFC 9162 order, hex; empty when the sizes are equal.</param>
    public sealed record ConsistencyProof(long From, long To, string FromRootHash, string ToRootHash, IReadOnlyList<string> Proof);

    public static async Task<Ok<ConsistencyProof>> GetConsistencyProofAsync([AsParameters] Query query, TransparencyLog log, CancellationToken ct)
    {
        var (from, to) = (query.From!.Value, query.To!.Value);
        var size = await log.SizeAsync(ct);
        if (to > size) throw new RequestValidationException("to", $"The log holds {size} entries; to cannot be larger.");
        return TypedResults.Ok(new ConsistencyProof(from, to,
            Record.Hex(await log.RangeHashAsync(new LeafRange(0, from), ct)),
            Record.Hex(await log.RangeHashAsync(new LeafRange(0, to), ct)),
            await log.ProofAsync(MerkleTree.ConsistencyPath(from, to), ct)));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/proofs/consistency", GetConsistencyProofAsync).Validates<Query>()
        .WithName("GetConsistencyProof")
        .WithSummary("Proof that the log's tree of one size is a prefix of its tree of a larger size (RFC 9162 consistency proof): nothing recorded was changed or removed");
}
