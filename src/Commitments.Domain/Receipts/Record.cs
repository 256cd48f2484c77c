using System.Globalization;
using System.Security.Cryptography;

namespace Commitments.Domain.Receipts;

/// <summary>The update a chain belongs to: the first revision chains to the hash of this identity.</summary>
public sealed record UpdateIdentity(string UpdateId, string ParticipantId, string CommitmentId, string CycleId)
{
    public static UpdateIdentity Of(ProgressUpdate update) => new(update.Id, update.ParticipantId, update.CommitmentId, update.CycleId);
}

/// <summary>What the record says of one revision: the hash of its canonical form and its place in the update's chain.</summary>
public sealed record RevisionSeal(string RevisionHash, string ChainHash, long LogIndex);

/// <summary>
/// The tamper-evident record, written once: the canonical form of a revision, of an update's identity and of a frozen pack
/// (RFC 8785 JSON, <see cref="Jcs"/>), and the hashes made from them. Anyone can recompute each with a JCS library and
/// SHA-256; the README works an example. Hashes are lowercase hex; times are UTC as yyyy-MM-ddTHH:mm:ss.fffffffZ.
/// </summary>
public static class Record
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string Sha256Hex(byte[] bytes) => Hex(SHA256.HashData(bytes));

    /// <summary>The canonical object of an update's identity; SHA-256 of its JCS bytes starts the update's chain.</summary>
    public static IReadOnlyDictionary<string, object?> IdentityForm(UpdateIdentity id) => new Dictionary<string, object?>
    {
        ["type"] = "update",
        ["updateId"] = id.UpdateId,
        ["participantId"] = id.ParticipantId,
        ["commitmentId"] = id.CommitmentId,
        ["cycleId"] = id.CycleId,
    };

    /// <summary>
    /// The canonical object of a revision: every field it stores, including which key made it and a comment marked internal.
    /// A reader who may not see those (anyone but the secretariat) cannot recompute the hash of that one revision, but can
    /// still check that it is chained and logged.
    /// A revision that cites linked commitments (<see cref="UpdateContent.AlsoAnswers"/>) carries alsoAnswers; one that cites none
    /// has no such member, so every revision recorded before citations existed keeps its hash.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> RevisionForm(UpdateIdentity id, UpdateRevision r)
    {
        var form = BaseRevisionForm(id, r);
        if (r.Content.Cited.Count > 0) form["alsoAnswers"] = r.Content.Cited.Select(c => (object?)c).ToList();
        return form;
    }

    private static Dictionary<string, object?> BaseRevisionForm(UpdateIdentity id, UpdateRevision r) => new()
    {
        ["type"] = "revision",
        ["updateId"] = id.UpdateId,
        ["participantId"] = id.ParticipantId,
        ["commitmentId"] = id.CommitmentId,
        ["cycleId"] = id.CycleId,
        ["number"] = r.Number,
        ["action"] = Codes.Of(r.Action),
        ["state"] = Codes.Of(r.State),
        ["status"] = Codes.Of(r.Content.Status),
        ["assessedStatus"] = r.AssessedStatus is { } a ? Codes.Of(a) : null,
        ["summary"] = r.Content.Summary,
        ["details"] = r.Content.Details,
        ["mainMessage"] = r.Content.MainMessage,
        ["evidence"] = r.Content.Evidence.Select(e => (object?)new Dictionary<string, object?>
        {
            ["url"] = e.Url, ["title"] = e.Title, ["kind"] = e.Kind is { } k ? Codes.Of(k) : null,
        }).ToList(),
        ["confidentiality"] = Codes.Of(r.Content.Confidentiality),
        ["plannedCompletion"] = r.Content.PlannedCompletion,
        ["comment"] = r.Comment,
        ["commentInternal"] = r.CommentInternal,
        ["actorKeyId"] = r.ActorKeyId,
        ["actorRole"] = Codes.Of(r.ActorRole),
        ["actorParticipantId"] = r.ActorParticipantId,
        ["recordedAt"] = Time(r.RecordedAt),
    };

    public static string GenesisHash(UpdateIdentity id) => Sha256Hex(Jcs.Bytes(IdentityForm(id)));

    public static string RevisionHash(UpdateIdentity id, UpdateRevision revision) => Sha256Hex(Jcs.Bytes(RevisionForm(id, revision)));

    /// <summary>SHA-256 of the previous chain hash's 32 bytes followed by this revision hash's 32 bytes.</summary>
    public static string ChainHash(string previousChainHash, string revisionHash) =>
        Hex(SHA256.HashData([.. Convert.FromHexString(previousChainHash), .. Convert.FromHexString(revisionHash)]));

    /// <summary>The canonical object of a frozen pack: what was frozen, when and for whom, and the SHA-256 of its bytes.</summary>
    public static IReadOnlyDictionary<string, object?> PackForm(string packId, string cycleId, DateTime asOf, string audience, string contentHash,
        DateTime createdAt) => new Dictionary<string, object?>
    {
        ["type"] = "briefing_pack",
        ["packId"] = packId,
        ["cycleId"] = cycleId,
        ["asOf"] = Time(asOf),
        ["audience"] = audience,
        ["contentHash"] = contentHash,
        ["createdAt"] = Time(createdAt),
    };

    public static string PackHash(string packId, string cycleId, DateTime asOf, string audience, string contentHash, DateTime createdAt) =>
        Sha256Hex(Jcs.Bytes(PackForm(packId, cycleId, asOf, audience, contentHash, createdAt)));

    /// <summary>What a receipt's signature covers: JCS bytes of this object.</summary>
    public static IReadOnlyDictionary<string, object?> ReceiptForm(string updateId, int number, DateTime recordedAt, RevisionSeal seal) =>
        new Dictionary<string, object?>
        {
            ["type"] = "receipt",
            ["updateId"] = updateId,
            ["number"] = number,
            ["recordedAt"] = Time(recordedAt),
            ["revisionHash"] = seal.RevisionHash,
            ["chainHash"] = seal.ChainHash,
            ["logIndex"] = seal.LogIndex,
        };

    /// <summary>What a tree head's signature covers: JCS bytes of this object.</summary>
    public static IReadOnlyDictionary<string, object?> TreeHeadForm(long treeSize, string rootHash, DateTime timestamp) =>
        new Dictionary<string, object?>
        {
            ["type"] = "tree_head",
            ["treeSize"] = treeSize,
            ["rootHash"] = rootHash,
            ["timestamp"] = Time(timestamp),
        };
}
