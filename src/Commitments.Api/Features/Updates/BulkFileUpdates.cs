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
/// revisions and audit entries), and may submit it. The upload is one transaction: every row is written or none is, and the
/// rows' errors come back in one problem document, named rows[i].column (at most <see cref="UploadLimits.MaxErrors"/> listed).
/// The body is read by <see cref="UploadReader"/> within <see cref="UploadLimits"/>. dryRun=true checks everything and writes nothing.
/// </summary>
public static class BulkFileUpdates
{
    public const int MaxRows = UploadLimits.MaxRows;
    public const long MaxBytes = UploadLimits.MaxBytes;

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
            var errors = new RowErrors();
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
                    foreach (var f in invalid.Errors) errors.Add(i, Field(f.PropertyName), f.ErrorMessage);
                }
            }
            if (errors.Count > 0)
                return new Failure(FailureKind.Unprocessable,
                    $"{errors.Rows} of {command.Rows.Count} rows cannot be filed; nothing was written.{errors.More}",
                    new Dictionary<string, object?> { ["errors"] = errors.ToDictionary() });
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
                    $"{UploadLimits.Echo(row.UpdateId)} is not {command.ParticipantId}'s update on {UploadLimits.Echo(row.CommitmentId ?? "")} in {command.CycleId}: leave updateId empty to file a new one.");
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
            else if (UpdateLifecycle.IsStale(current, basedOn))
                return new Failure(FailureKind.PreconditionFailed, $"{current.Id} has changed since revision {basedOn} (now {current.Revision}): download the template again.");
            // submit: yes on an update the workflow cannot submit (already submitted or accepted) leaves its state as it is.
            if (submit && UpdateWorkflow.MaySubmit(current.State))
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

        private static void Add(RowErrors errors, int row, Failure failure)
        {
            if (failure.Extensions?.GetValueOrDefault("errors") is IReadOnlyDictionary<string, string[]> named)
            {
                foreach (var (field, messages) in named)
                    foreach (var message in messages) errors.Add(row, field, message);
                return;
            }
            var column = failure.Kind switch
            {
                FailureKind.PreconditionFailed => "basedOnRevision",
                FailureKind.Conflict when failure.Extensions?.ContainsKey("existingId") == true => "updateId",
                _ => null,
            };
            errors.Add(row, column, failure.Detail);
        }

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
        // Refused before the body is read: whose updates the caller may change is the lifecycle's rule.
        if (UpdateLifecycle.Lane(context.Actor.Caller, query.Id) is { } refusal) return Failure.From(refusal).ToProblem();
        if (await catalogue.ParticipantAsync(query.Id, ct) is null) return Failure.NotFound("Participant", query.Id).ToProblem();
        if (await catalogue.CycleAsync(query.Cycle!, ct) is null) return Failure.NotFound("Cycle", query.Cycle!).ToProblem();
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (!Accepted.Contains(mediaType))
            return TypedResults.Problem($"Send the rows as one of: {string.Join(", ", Accepted)}.", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        List<Row> rows;
        try
        {
            rows = mediaType switch
            {
                ObligationSheet.CsvMediaType => SheetRows.From(await UploadReader.ReadCsvAsync(request.Body, ct)),
                ObligationSheet.XlsxMediaType => SheetRows.From(await UploadReader.ReadXlsxAsync(request.Body, ct)),
                _ => await UploadReader.ReadJsonAsync(request.Body, json.Value.SerializerOptions, ct),
            };
        }
        catch (UploadRefusedException refused)
        {
            return refused.ToProblem();
        }
        var outcome = await mediator.Send(new Command(query.Id, query.Cycle!, rows, query.DryRun == true, idempotencyKey), ct);
        return outcome.ToResult(TypedResults.Ok);
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
        .WithDescription($"Limits, each checked while the body is read (reading stops at the first excess): {MaxRows} rows (413), "
            + $"{UploadLimits.MaxCellChars:N0} characters a cell (422 naming the cell), {UploadLimits.MaxTextChars / 1024 / 1024} Mi characters of text in all "
            + $"(a shared string counted at each use) and {UploadLimits.MaxUnzippedBytes / 1024 / 1024} MiB unzipped for XLSX (413). A body that is not "
            + $"a JSON array, a CSV or an XLSX workbook is 400; rows that cannot be read or filed are 422, each error named rows[i].column, at most "
            + $"{UploadLimits.MaxErrors} listed. An unknown participant or cycle is 404.")
        .Produces<Result>()
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
