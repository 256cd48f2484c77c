using System.Text.Json;
using Commitments.Api.Http;
using Commitments.Api.Pipeline;
using Commitments.Infrastructure.Updates;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Commitments.Api.Features.Updates;

/// <summary>
/// Many updates of one participant in one cycle in one upload: the sheet from the obligations template (CSV or XLSX) or a JSON
/// array. Each row files a new update or amends the one it names, exactly as one call would (the same commands, rules,
/// revisions and audit entries), and may submit it. The upload is one transaction: every row is written or none is, and all
/// the rows' errors come back in one problem document, named rows[i].column. dryRun=true checks everything and writes nothing.
/// </summary>
public static class BulkFileUpdates
{
    public const int MaxRows = 500;
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>One row: the obligation (commitmentId), and for an amendment the update and the revision the row was read at.</summary>
    /// <param name="CommitmentId">The obligation's commitment.</param>
    /// <param name="UpdateId">The update to amend; empty to file a new one.</param>
    /// <param name="BasedOnRevision">The revision the row was read at (from the template): an amendment of a later revision is refused.</param>
    /// <param name="Status">The self-assessed status.</param>
    /// <param name="Summary">What has been done.</param>
    /// <param name="Details">Optional longer account.</param>
    /// <param name="MainMessage">Optional main message for the Leaders' Session.</param>
    /// <param name="Evidence">Links to published evidence.</param>
    /// <param name="Confidentiality">public, governments or restricted.</param>
    /// <param name="PlannedCompletion">Optional planned completion date, yyyy-MM-dd.</param>
    /// <param name="Submit">true to submit the update after filing or amending it.</param>
    /// <param name="AlsoAnswers">Linked obligations this answer also answers (the template's linkedCommitments lists them).</param>
    public sealed record Row(
        string? CommitmentId, string? UpdateId, int? BasedOnRevision, ImplementationStatus? Status, string? Summary, string? Details,
        string? MainMessage, IReadOnlyList<EvidenceInput>? Evidence, Confidentiality? Confidentiality,
        [property: System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Date)] string? PlannedCompletion,
        bool? Submit,
        [property: System.ComponentModel.DataAnnotations.MaxLength(ContentLimits.AlsoAnswersCount)] IReadOnlyList<string>? AlsoAnswers = null)
    {
        /// <summary>A template row nobody filled in: no update yet, and no content.</summary>
        [System.Text.Json.Serialization.JsonIgnore] // not part of the request: worked out from the row
        public bool Blank => string.IsNullOrWhiteSpace(UpdateId) && Status is null && string.IsNullOrWhiteSpace(Summary);
    }

    /// <summary>What happened to a row: filed, amended, submitted (after filing or amending), unchanged, or blank (skipped).</summary>
    public sealed record RowResult(int Row, string? CommitmentId, string? UpdateId, string Action, int? Revision);

    /// <summary>The upload's outcome; with dryRun nothing was written and the revisions are those it would have made.</summary>
    public sealed record Result(bool DryRun, int Rows, int Filed, int Amended, int Submitted, int Unchanged, IReadOnlyList<RowResult> Items);

    public sealed record Command(string ParticipantId, string CycleId, IReadOnlyList<Row> Rows, bool DryRun, string? IdempotencyKey)
        : ICommand<Outcome<Result>>, IIdempotentCommand, IDryRun;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rows).NotEmpty().WithMessage("The upload has no rows.").OverridePropertyName("rows");
            RuleFor(c => c.Rows.Count).LessThanOrEqualTo(MaxRows).WithMessage($"At most {MaxRows} rows in one upload.").OverridePropertyName("rows");
        }
    }

    public sealed class Handler(IMediator mediator, UpdateStore updates) : ICommandHandler<Command, Outcome<Result>>
    {
        public async ValueTask<Outcome<Result>> Handle(Command command, CancellationToken ct)
        {
            Dictionary<string, string[]> errors = [];
            List<RowResult> items = [];
            for (var i = 0; i < command.Rows.Count; i++)
            {
                var row = command.Rows[i];
                if (row.Blank)
                {
                    items.Add(new RowResult(i, row.CommitmentId, null, "blank", null));
                    continue;
                }
                try
                {
                    var done = await FileOrAmendAsync(command, row, ct);
                    if (done.Failure is { } failure) Add(errors, i, failure);
                    else items.Add(done.Value! with { Row = i });
                }
                catch (ValidationException invalid)
                {
                    foreach (var f in invalid.Errors) Add(errors, $"rows[{i}].{Field(f.PropertyName)}", f.ErrorMessage);
                }
            }
            if (errors.Count > 0)
                return new Failure(FailureKind.Unprocessable,
                    $"{errors.Keys.Select(k => k[..k.IndexOf(']')]).Distinct().Count()} of {command.Rows.Count} rows cannot be filed; nothing was written.",
                    new Dictionary<string, object?> { ["errors"] = errors });
            return new Result(command.DryRun, command.Rows.Count, items.Count(r => r.Action is "filed" or "filed_and_submitted"),
                items.Count(r => r.Action is "amended" or "amended_and_submitted"), items.Count(r => r.Action.EndsWith("submitted", StringComparison.Ordinal)),
                items.Count(r => r.Action == "unchanged"), items);
        }

        private async Task<Outcome<RowResult>> FileOrAmendAsync(Command command, Row row, CancellationToken ct)
        {
            var submit = row.Submit == true;
            if (string.IsNullOrWhiteSpace(row.UpdateId))
            {
                var filed = await mediator.Send(new FileUpdate.Command(new FileUpdate.Request(command.ParticipantId, row.CommitmentId, command.CycleId,
                    row.Status, row.Summary, row.Details, row.MainMessage, row.Evidence, row.Confidentiality, row.PlannedCompletion, submit,
                    row.AlsoAnswers), null), ct);
                if (filed.Failure is { } failure) return failure;
                return new RowResult(0, row.CommitmentId, filed.Value!.Id, submit ? "filed_and_submitted" : "filed", filed.Value.Revision);
            }

            // The same answer whether the update is another participant's or does not exist: a row names only its own updates.
            if (await updates.GetAsync(row.UpdateId, ct) is not { } stored
                || stored.Update.ParticipantId != command.ParticipantId || stored.Update.CycleId != command.CycleId
                || stored.Update.CommitmentId != row.CommitmentId)
                return Failure.InField("updateId",
                    $"{row.UpdateId} is not {command.ParticipantId}'s update on {row.CommitmentId} in {command.CycleId}: leave updateId empty to file a new one.");
            if (row.BasedOnRevision is not { } basedOn)
                return Failure.InField("basedOnRevision", "basedOnRevision is required to amend: the revision the row was read at (the template fills it in).");

            var amend = new AmendUpdate.Request(row.Status, row.Summary, row.Details, row.MainMessage, row.Evidence, row.Confidentiality, row.PlannedCompletion,
                row.AlsoAnswers);
            var current = stored.Update;
            var changed = !SameContent(current.Content, amend);
            var revision = current.Revision;
            if (changed)
            {
                var amended = await mediator.Send(new AmendUpdate.Command(current.Id, amend, new IfMatch(true, basedOn)), ct);
                if (amended.Failure is { } failure) return failure;
                revision = amended.Value!.Revision;
            }
            else if (basedOn != current.Revision)
                return new Failure(FailureKind.PreconditionFailed, $"{current.Id} has changed since revision {basedOn} (now {current.Revision}): download the template again.");
            if (submit && current.State is UpdateState.Draft or UpdateState.Returned)
            {
                var submitted = await mediator.Send(new ActOnUpdate.Command(current.Id, UpdateAction.Submit, new IfMatch(true, revision)), ct);
                if (submitted.Failure is { } failure) return failure;
                return new RowResult(0, row.CommitmentId, current.Id, changed ? "amended_and_submitted" : "submitted", submitted.Value!.Revision);
            }
            return new RowResult(0, row.CommitmentId, current.Id, changed ? "amended" : "unchanged", revision);
        }

        /// <summary>A row whose content is the update's current content changes nothing: no empty revision is made.</summary>
        private static bool SameContent(UpdateContent current, AmendUpdate.Request row)
        {
            if (row.Status is null || row.Confidentiality is null) return false;
            return UpdateContentValidator.ToContent(row).SameAs(current);
        }

        private static void Add(Dictionary<string, string[]> errors, int row, Failure failure)
        {
            if (failure.Extensions?.GetValueOrDefault("errors") is IReadOnlyDictionary<string, string[]> named)
            {
                foreach (var (field, messages) in named)
                    foreach (var message in messages) Add(errors, $"rows[{row}].{field}", message);
                return;
            }
            var column = failure.Kind switch
            {
                FailureKind.PreconditionFailed => "basedOnRevision",
                FailureKind.Conflict when failure.Extensions?.ContainsKey("existingId") == true => "updateId",
                _ => "row",
            };
            Add(errors, column == "row" ? $"rows[{row}]" : $"rows[{row}].{column}", failure.Detail);
        }

        private static void Add(Dictionary<string, string[]> errors, string key, string message) =>
            errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];

        /// <summary>"Body.Evidence[0].Url" as the column a person reads: "evidence[0].url".</summary>
        private static string Field(string propertyName) =>
            string.Join('.', propertyName.Split('.').Where(p => p != "Body").Select(JsonNamingPolicy.CamelCase.ConvertName));
    }

    /// <summary>Where and how: the cycle (required) and whether only to check.</summary>
    /// <param name="Id">The participant whose updates the rows are.</param>
    /// <param name="Cycle">The reporting cycle, e.g. seoul-2024 (required).</param>
    /// <param name="DryRun">true: check every row and report, writing nothing.</param>
    public sealed record Query([FromRoute(Name = "id")] string Id, [FromQuery(Name = "cycle")] string? Cycle, [FromQuery(Name = "dryRun")] bool? DryRun);

    public sealed class QueryValidator : AbstractValidator<Query>
    {
        public QueryValidator() => RuleFor(q => q.Cycle).NotEmpty().WithMessage("cycle is required: the id of a reporting cycle, e.g. seoul-2024.")
            .OverridePropertyName("cycle");
    }

    private sealed class SizeLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }

    public static readonly IReadOnlyList<string> Accepted = ["application/json", ObligationSheet.CsvMediaType, ObligationSheet.XlsxMediaType];

    public static async Task<IResult> UploadAsync([AsParameters] Query query, HttpRequest request, IMediator mediator, RequestContext context,
        Infrastructure.Catalogue.CatalogueStore catalogue, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        var actor = context.Actor;
        if (!actor.IsSecretariat && actor.ParticipantId != query.Id)
            return Failure.Forbidden($"A liaison may file only its own participant's updates ({actor.ParticipantId}).").ToProblem();
        if (await catalogue.ParticipantAsync(query.Id, ct) is null) return Failure.NotFound("Participant", query.Id).ToProblem();
        if (await catalogue.CycleAsync(query.Cycle!, ct) is null) return Failure.NotFound("Cycle", query.Cycle!).ToProblem();
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (!Accepted.Contains(mediaType))
            return TypedResults.Problem($"Send the rows as one of: {string.Join(", ", Accepted)}.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        // Read whole first (at most MaxBytes, which the body limit holds to), then parse: the sheet readers are synchronous.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        IReadOnlyList<Row> rows;
        try
        {
            rows = mediaType switch
            {
                "application/json" => await JsonSerializer.DeserializeAsync<List<Row>>(body, json.Value.SerializerOptions, ct)
                    ?? throw new InvalidDataException("The body is null: send a JSON array of rows."),
                ObligationSheet.CsvMediaType => SheetRows.From(ObligationSheet.ReadCsv(body), out var csvErrors) is var r && csvErrors.Count == 0
                    ? r : throw new SheetException(csvErrors),
                ObligationSheet.XlsxMediaType => SheetRows.From(ObligationSheet.ReadXlsx(body), out var xlsxErrors) is var x && xlsxErrors.Count == 0
                    ? x : throw new SheetException(xlsxErrors),
                _ => throw new InvalidDataException($"{mediaType} is not read here."),
            };
        }
        catch (SheetException e)
        {
            return new Failure(FailureKind.Unprocessable, $"{e.Errors.Count} cells cannot be read; nothing was written.",
                new Dictionary<string, object?> { ["errors"] = e.Errors }).ToProblem();
        }
        catch (InvalidDataException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Unreadable upload");
        }
        var outcome = await mediator.Send(new Command(query.Id, query.Cycle!, rows, query.DryRun == true, idempotencyKey), ct);
        return outcome.ToResult(TypedResults.Ok);
    }

    private sealed class SheetException(Dictionary<string, string[]> errors) : Exception("cells cannot be read")
    {
        public Dictionary<string, string[]> Errors { get; } = errors;
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/{id}/updates/bulk", UploadAsync).Validates<Query>()
        .RequireAuthorization(Policies.Filer)
        .WithMetadata(new SizeLimit(MaxBytes))
        .Accepts<List<Row>>("application/json", ObligationSheet.CsvMediaType, ObligationSheet.XlsxMediaType)
        .WithName("BulkFileUpdates")
        .WithTags("Progress updates")
        .WithSummary($"File or amend many of a participant's updates in one upload (the obligations template as CSV or XLSX, or a JSON array; "
            + $"at most {MaxRows} rows and 4 MiB): all rows or none, every row's errors named rows[i].column; dryRun=true writes nothing")
        .Produces<Result>()
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

/// <summary>Sheet cells (text) read into rows, each unreadable cell named rows[i].column.</summary>
public static class SheetRows
{
    public static List<BulkFileUpdates.Row> From(IReadOnlyList<ObligationSheet.Row> sheet, out Dictionary<string, string[]> errors)
    {
        Dictionary<string, string[]> found = [];
        void Error(int row, string column, string message) => found[$"rows[{row}].{column}"] = [message];
        List<BulkFileUpdates.Row> rows = [];
        foreach (var cells in sheet)
        {
            var i = cells.Number;
            T? Code<T>(string column) where T : struct, Enum
            {
                var text = cells[column];
                if (text.Length == 0) return null;
                if (Codes.TryParse<T>(text, out var value)) return value;
                Error(i, column, $"'{text}' is not one of: {string.Join(", ", Codes.All<T>())}.");
                return null;
            }
            int? revision = null;
            if (cells["basedOnRevision"] is { Length: > 0 } r)
            {
                if (int.TryParse(r, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) revision = n;
                else Error(i, "basedOnRevision", $"'{r}' is not a revision number.");
            }
            bool? submit = cells["submit"].ToLowerInvariant() switch
            {
                "" or "no" or "false" => false,
                "yes" or "true" => true,
                var other => Bad(other),
            };
            bool? Bad(string other)
            {
                Error(i, "submit", $"'{other}' is not yes or no.");
                return null;
            }
            List<EvidenceInput> evidence = [];
            var lines = cells["evidence"].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var e = 0; e < lines.Length; e++)
            {
                var parts = lines[e].Split('|', StringSplitOptions.TrimEntries);
                EvidenceKind kind = default;
                var readable = parts.Length == 2 || (parts.Length == 3 && Codes.TryParse(parts[2], out kind));
                if (!readable)
                {
                    Error(i, $"evidence[{e}]", $"'{lines[e]}' is not 'title | url' or 'title | url | kind' (kind: {string.Join(", ", Codes.All<EvidenceKind>())}).");
                    continue;
                }
                evidence.Add(new EvidenceInput(parts[1], parts[0], parts.Length == 3 ? kind : null));
            }
            string? Text(string column) => cells[column] is { Length: > 0 } t ? t : null;
            // linkedCommitments is the template's note to the reader: it is not read back.
            var cited = ObligationSheet.ReadCommitmentsCell(cells["alsoAnswers"]);
            rows.Add(new BulkFileUpdates.Row(Text("commitmentId"), Text("updateId"), revision, Code<ImplementationStatus>("status"), Text("summary"),
                Text("details"), Text("mainMessage"), evidence, Code<Confidentiality>("confidentiality"), Text("plannedCompletion"), submit,
                cited.Count > 0 ? cited : null));
        }
        errors = found;
        return rows;
    }
}
