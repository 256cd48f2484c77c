using Commitments.Domain.Receipts;
using Commitments.Infrastructure.Receipts;

namespace Commitments.Api.Receipts;

/// <summary>
/// Proof that a revision was recorded: its hash, its place in the update's chain and in the log, signed by the log's key.
/// The signature (ECDSA P-256, SHA-256, DER, base64) covers the JCS bytes of
/// {"chainHash","logIndex","number","recordedAt","revisionHash","type":"receipt","updateId"}; README, "Receipts and the log".
/// </summary>
/// <param name="UpdateId">The update.</param>
/// <param name="Number">The revision's number (1 is the first).</param>
/// <param name="RecordedAt">When it was recorded, UTC, exactly as hashed and signed: yyyy-MM-ddTHH:mm:ss.fffffffZ.</param>
/// <param name="RevisionHash">SHA-256 of the revision's canonical form (lowercase hex).</param>
/// <param name="ChainHash">SHA-256 of the previous revision's chain hash followed by this revision hash (the first chains to the update's identity).</param>
/// <param name="LogIndex">The revision's leaf in the log (0 is the first); ask for an inclusion proof in any tree larger than it.</param>
/// <param name="KeyId">SHA-256 of the signing key's public key (SubjectPublicKeyInfo DER), as published at /.well-known/commitments-log-key.</param>
/// <param name="Signature">The log's signature over the receipt's canonical form.</param>
public sealed record ReceiptDto(
    [property: System.ComponentModel.DataAnnotations.DataType("uuid")] string UpdateId, int Number,
    [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.DateTime)] string RecordedAt, string RevisionHash, string ChainHash, long LogIndex, string KeyId, string Signature)
{
    public const string Header = "Commitments-Receipt";

    /// <summary>The receipt as an RFC 8941 dictionary, for the Commitments-Receipt header.</summary>
    public string ToHeader() =>
        $"update=\"{UpdateId}\", revision={Number}, recorded-at=\"{RecordedAt}\", revision-hash=\"{RevisionHash}\", chain-hash=\"{ChainHash}\", "
        + $"log-index={LogIndex}, key-id=\"{KeyId}\", signature=:{Signature}:";
}

/// <summary>
/// The log's root at a size, signed: the signature (ECDSA P-256, SHA-256, DER, base64) covers the JCS bytes of
/// {"rootHash","timestamp","treeSize","type":"tree_head"}.
/// </summary>
/// <param name="TreeSize">How many entries (revisions and frozen packs) the tree holds.</param>
/// <param name="RootHash">The RFC 9162 Merkle tree hash of those entries (lowercase hex).</param>
/// <param name="Timestamp">When the head was signed, UTC, exactly as signed: yyyy-MM-ddTHH:mm:ss.fffffffZ.</param>
/// <param name="KeyId">SHA-256 of the signing key's public key (SubjectPublicKeyInfo DER).</param>
/// <param name="Signature">The log's signature over the tree head's canonical form.</param>
public sealed record SignedTreeHeadDto(long TreeSize, string RootHash, string Timestamp, string KeyId, string Signature);

/// <summary>Issues receipts and signed tree heads with the log's key.</summary>
public sealed class RecordSigning(LogSigner signer, TransparencyLog log, TimeProvider clock)
{
    public async Task<ReceiptDto> ReceiptAsync(string updateId, int number, DateTime recordedAt, RevisionSeal seal, CancellationToken ct) =>
        new(updateId, number, Record.Time(recordedAt), seal.RevisionHash, seal.ChainHash, seal.LogIndex, await signer.KeyIdAsync(ct),
            await signer.SignAsync(Record.ReceiptForm(updateId, number, recordedAt, seal), ct));

    /// <summary>The log's current head, signed now.</summary>
    public async Task<SignedTreeHeadDto> TreeHeadAsync(CancellationToken ct) => await SignAsync(await log.HeadAsync(ct), clock.GetUtcNow().UtcDateTime, ct);

    public async Task<SignedTreeHeadDto> SignAsync(TreeHead head, DateTime at, CancellationToken ct) =>
        new(head.TreeSize, head.RootHash, Record.Time(at), await signer.KeyIdAsync(ct),
            await signer.SignAsync(Record.TreeHeadForm(head.TreeSize, head.RootHash, at), ct));
}
