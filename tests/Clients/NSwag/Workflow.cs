using Commitments.NSwagClient;

// The filing -> amend -> submit -> review -> pack -> bulk workflow through the client NSwag generates from openapi.yaml,
// with nothing hand-written between the two: typed requests, typed answers, typed problems. Each call is a step.
if (args is not [var baseUrl, var secretariatKey]) { Console.Error.WriteLine("usage: NSwagWorkflow BASE_URL SECRETARIAT_KEY"); return 2; }
var steps = 0;
var failures = 0;

async Task<T> Step<T>(string name, Func<Task<T>> call)
{
    steps++;
    try
    {
        var result = await call();
        Console.WriteLine($"nswag step {steps}: {name}: ok");
        return result;
    }
    catch (Exception e)
    {
        failures++;
        Console.WriteLine($"nswag step {steps}: {name}: FAILED {e.GetType().Name}: {e.Message.Split('\n')[0]} {Problem(e)}");
        throw;
    }
}

// What the server said, as the typed problem the client read it into.
string Problem(Exception e) => e switch
{
    ApiException<HttpValidationProblemDetails> v => string.Join("; ", v.Result.Errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}")),
    ApiException<ProblemDetails> p => $"{p.Result.Type} {p.Result.Detail}",
    _ => "",
};

void Check(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException("expected " + what);
}

CommitmentsClient Connect(string key)
{
    var http = new HttpClient();
    http.DefaultRequestHeaders.Add("X-Api-Key", key);
    return new CommitmentsClient(http) { BaseUrl = baseUrl };
}

string Tag(SwaggerResponse response) => response.Headers["ETag"].Single();

try
{
    var admin = Connect(secretariatKey);
    const string cycle = "nswag-open";
    var me = await Step("who am I", () => admin.GetMeAsync());
    Check(me.Result.Role == Role.Secretariat, "a secretariat key");
    var now = DateTimeOffset.UtcNow;
    await Step("open a cycle", () => admin.CreateCycleAsync(new CreateCycleRequest
    {
        Id = cycle, Title = "A cycle for the NSwag client", OpensAt = now.AddDays(-10), DueAt = now.AddDays(30), GraceUntil = now.AddDays(37),
        State = CycleState.Open, Instruments = ["BD", "ST"],
    }));
    var issued = await Step("issue a liaison key", () => admin.CreateApiKeyAsync(new CreateApiKeyRequest { Role = Role.Liaison, ParticipantId = "GB", Label = "UK liaison" }));
    var gb = Connect(issued.Result.Secret);

    var filing = new FileUpdateRequest
    {
        ParticipantId = "GB", CommitmentId = "BD-1", CycleId = cycle, Status = ImplementationStatus.Substantial,
        Summary = "AI Safety Institute established and funded.", MainMessage = "On track.",
        Evidence = [new EvidenceInput { Url = new Uri("https://www.gov.uk/government/publications/ai-safety-institute-overview"), Title = "AISI overview", Kind = EvidenceKind.Webpage }],
        Confidentiality = Confidentiality.Public, PlannedCompletion = new DateOnly(2024, 12, 31), Submit = false,
    };
    var filed = await Step("file an update", () => gb.FileUpdateAsync("nswag-1", filing));
    Check(filed.StatusCode == 201 && filed.Result.State == UpdateState.Draft && filed.Result.AssessedStatus is null, "a draft with no assessment");
    var replay = await Step("retry the filing", () => gb.FileUpdateAsync("nswag-1", filing));
    Check(replay.Result.Id == filed.Result.Id && replay.Headers["Idempotent-Replayed"].Single() == "true", "the same update, replayed");
    var id = filed.Result.Id;

    var amended = await Step("amend it", () => gb.AmendUpdateAsync(id, Tag(filed), new AmendUpdateRequest
    {
        Status = ImplementationStatus.Complete, Summary = "Done.", Evidence = [], Confidentiality = Confidentiality.Public,
    }));
    Check(amended.Result.Revision == 2, "revision 2");
    var submitted = await Step("submit it", () => gb.SubmitUpdateAsync(id, Tag(amended)));
    Check(submitted.Result.State == UpdateState.Submitted, "submitted");
    var read = await Step("read it as the secretariat", () => admin.GetUpdateAsync(id));
    var reviewed = await Step("accept it with an assessment", () => admin.ReviewUpdateAsync(id, Tag(read), new ReviewUpdateRequest
    {
        Decision = ReviewDecision.Accept, Comment = "Complete and eligible.", AssessedStatus = ImplementationStatus.Substantial,
        CommentVisibility = CommentVisibility.Participant,
    }));
    Check(reviewed.Result.State == UpdateState.Accepted && reviewed.Result.AssessedStatus == ImplementationStatus.Substantial, "accepted, assessed substantial");
    var listed = await Step("list accepted updates", () => admin.ListUpdatesAsync(null, null, cycle, null, UpdateState.Accepted, null, 50, null));
    Check(listed.Result.Items.Any(u => u.Id == id), "the update in the list");

    var frozen = await Step("freeze a briefing pack", () => admin.FreezeBriefingPackAsync(cycle, "nswag-pack", new FreezeBriefingPackRequest { Audience = "public" }));
    var pack = await Step("read the frozen pack", () => admin.GetFrozenPackAsync(frozen.Result.Id));
    Check(pack.StatusCode == 200, "the pack");

    var bulk = await Step("file in bulk", () => gb.BulkFileUpdatesAsync("GB", cycle, false, "nswag-bulk",
        [new BulkFileUpdatesRow { CommitmentId = "BD-2", Status = ImplementationStatus.Limited, Summary = "Research partnerships.", Confidentiality = Confidentiality.Public, Submit = true }]));
    Check(bulk.Result.Filed == 1 && bulk.Result.Submitted == 1, "one filed and submitted");

    steps++;
    try
    {
        await gb.FileUpdateAsync(null, filing);
        throw new InvalidOperationException("a second filing was accepted");
    }
    catch (ApiException<ProblemDetails> refused) when (refused.StatusCode == 409)
    {
        Check(refused.Result.Type.AbsoluteUri.EndsWith("/problems/already-filed", StringComparison.Ordinal) && refused.Result.ExistingId == id, "already-filed naming the update");
        Console.WriteLine($"nswag step {steps}: a second filing is a typed 409 already-filed: ok");
    }
}
catch (Exception e) when (failures == 0)
{
    failures++;
    Console.WriteLine($"nswag step {steps}: FAILED {e.GetType().Name}: {e.Message.Split('\n')[0]}");
}
catch (Exception)
{
}
Console.WriteLine($"nswag: {steps - failures} of {steps} workflow steps done, {failures} refused");
return failures == 0 ? 0 : 1;
