using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Commitments.Api.Hosting;

/// <summary>
/// What each value of each vocabulary means to the reader, in the document as the schema's description and as
/// x-enum-descriptions (in the order of enum): a generator puts them on the enum members. A test requires every value to have one.
/// </summary>
internal sealed class EnumDescriptionsFilter : ISchemaFilter
{
    public static readonly IReadOnlyDictionary<Type, IReadOnlyDictionary<string, string>> Meanings = new Dictionary<Type, IReadOnlyDictionary<string, string>>
    {
        [typeof(ParticipantKind)] = Of(("government", "a national government"), ("international_organisation", "an international organisation, e.g. the EU or the UN"),
            ("company", "an AI company (the Frontier AI Safety Commitments bind them)")),
        [typeof(AppliesTo)] = Of(("governments", "binds governments and international organisations"), ("companies", "binds companies"), ("all", "binds every endorser")),
        [typeof(ImplementationStatus)] = Of(
            ("no_evidence_available", "nothing published shows whether work has begun"),
            ("not_started", "no work has begun"),
            ("limited", "work has begun but only a small part of the commitment is done"),
            ("substantial", "most of the commitment is done, but not all of it"),
            ("complete", "the commitment is done in full"),
            ("not_applicable", "the commitment does not apply to this participant's situation (say why in the summary)")),
        [typeof(UpdateState)] = Of(
            ("draft", "filed but not yet sent to the secretariat; only the participant and the secretariat see it"),
            ("submitted", "sent to the secretariat and waiting for its review"),
            ("returned", "sent back by the secretariat with a comment; amend it and submit it again"),
            ("accepted", "reviewed and accepted: it counts in coverage and appears in briefing packs"),
            ("withdrawn", "taken back by the participant; reopen it to file again")),
        [typeof(Timeliness)] = Of(
            ("on_time", "first submitted by the cycle's due date"), ("late", "first submitted after the due date, within the grace period"),
            ("overdue", "not submitted, and the due date has passed while the cycle is open"), ("missing", "the cycle closed with nothing submitted"),
            ("exempt", "the secretariat exempted the obligation in this cycle, with a reason")),
        [typeof(Confidentiality)] = Of(
            ("public", "anyone may read the content, once accepted"),
            ("governments", "the secretariat, the participant itself, and liaisons of governments and international organisations"),
            ("restricted", "the secretariat and the participant only; others see only that it was reported")),
        [typeof(CycleState)] = Of(("planned", "announced; liaisons cannot file yet"), ("open", "liaisons file and change updates"),
            ("closed", "no more filing or changes by liaisons; the secretariat still reviews")),
        [typeof(EndorsementBasis)] = Of(("original", "signed the instrument when it was agreed"), ("joined_later", "joined the instrument after it was agreed"),
            ("took_part", "took part in the session a chair's statement records (nobody signs one)")),
        [typeof(DatePrecision)] = Of(("on", "the endorsement was made on that day"),
            ("by", "the endorsement was made by that day at the latest: a list published that day names the endorser")),
        [typeof(InstrumentKind)] = Of(("agreed_text", "a text its endorsers signed or joined"), ("chairs_statement", "the chair's record of a session")),
        [typeof(Role)] = Of(("secretariat", "runs the process: reads everything, reviews, manages the catalogue, cycles and keys"),
            ("liaison", "files and amends the updates of the one participant its key is bound to"),
            ("observer", "reads, with a key, what its role may see; files and reviews nothing")),
        [typeof(LinkRelation)] = Of(("asks_same", "the two commitments ask the same thing, either way round"),
            ("succeeds", "the first commitment replaces the second in a later instrument")),
        [typeof(EvidenceKind)] = Of(("document", "a published document"), ("webpage", "a web page"), ("dataset", "a published data set"),
            ("legislation", "a law or regulation"), ("report", "a report, e.g. an evaluation or an annual report"), ("other", "anything else")),
        [typeof(ReviewDecision)] = Of(("accept", "the update is complete and eligible: it is published to those who may read it"),
            ("return", "the update goes back to the participant with the comment, to amend and submit again")),
        [typeof(CommentVisibility)] = Of(("participant", "the participant (and whoever may read the update) reads the comment"),
            ("internal", "only the secretariat reads the comment")),
        [typeof(UpdateAction)] = Of(("create", "filed"), ("amend", "content changed"), ("submit", "sent for review"), ("withdraw", "taken back"),
            ("accept", "accepted by the secretariat"), ("return", "returned by the secretariat"), ("reopen", "made a draft again")),
        [typeof(Domain.Reports.ChangeReason)] = Of(("submitted", "the update was submitted"), ("accepted", "the update was accepted"),
            ("returned", "the update was returned"), ("withdrawn", "the update was withdrawn"), ("reopened", "the update was made a draft again"),
            ("reassessed", "the secretariat recorded another assessed status"), ("amended", "the content changed"),
            ("exempted", "the obligation was exempted"), ("no_longer_reported", "the cell shows no report any more (withdrawn, or no longer visible to the audience)")),
    };

    private static IReadOnlyDictionary<string, string> Of(params (string Code, string Meaning)[] values) => values.ToDictionary(v => v.Code, v => v.Meaning);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Enum: { Count: > 0 } values } s || context.Type is null) return;
        var type = Nullable.GetUnderlyingType(context.Type) ?? context.Type;
        if (!Meanings.TryGetValue(type, out var meanings)) return;
        var codes = values.Select(v => v!.GetValue<string>()).ToList();
        var described = codes.Select(c => meanings.TryGetValue(c, out var m) ? m : throw new InvalidOperationException($"{type.Name}.{c} has no description")).ToList();
        s.Description = (string.IsNullOrEmpty(s.Description) ? "" : s.Description.TrimEnd('.') + ". ")
            + string.Join("; ", codes.Zip(described, (c, m) => $"{c}: {m}")) + ".";
        s.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        s.Extensions["x-enum-descriptions"] = new JsonNodeExtension(new JsonArray(described.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()));
    }
}
