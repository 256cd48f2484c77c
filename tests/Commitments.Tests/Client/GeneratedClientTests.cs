using Commitments.Client;
using Commitments.Client.Models;
using Commitments.Tests.Support;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Problem = Commitments.Client.Models.ProblemDetails;
using ValidationProblem = Commitments.Client.Models.HttpValidationProblemDetails;

namespace Commitments.Tests.Client;

/// <summary>
/// An integrator's view: a client generated from openapi.yaml by Kiota (tests/Commitments.Client, checked for drift in
/// CI) drives the whole workflow against a live test server, and every refusal arrives as a typed problem with its
/// extension members. Its requests go through the test host's client, so each response is also checked against the
/// served document.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string Cycle = "kiota-open";

    /// <summary>Keeps the last response's headers: Kiota returns bodies, an integrator reads ETag from the response.</summary>
    private sealed class LastResponse : DelegatingHandler
    {
        public HttpResponseMessage? Message { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Message = await base.SendAsync(request, cancellationToken);

        public string ETag => Message!.Headers.ETag!.Tag;
    }

    private static (CommitmentsClient Client, LastResponse Last, HttpClientRequestAdapter Adapter) Connect(TestApi api, string? secret)
    {
        var last = new LastResponse();
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: api.As(secret, last))
        {
            BaseUrl = "http://localhost",
        };
        return (new CommitmentsClient(adapter), last, adapter);
    }

    private static FileUpdateRequest Filing(string commitment = "BD-1") => new()
    {
        ParticipantId = "GB",
        CommitmentId = commitment,
        CycleId = Cycle,
        Status = ImplementationStatus.Substantial,
        Summary = "AI Safety Institute established and funded.",
        MainMessage = "On track.",
        Evidence = [new EvidenceInput { Url = "https://www.gov.uk/government/publications/ai-safety-institute-overview", Title = "AISI overview", Kind = EvidenceKind.Webpage }],
        Confidentiality = Confidentiality.Public,
        PlannedCompletion = new Date(2024, 12, 31),
        Submit = false,
    };

    private static async Task OpenCycleAsync(CommitmentsClient admin)
    {
        var now = DateTimeOffset.UtcNow;
        var cycle = await admin.V1.Cycles.PostAsync(new CreateCycleRequest
        {
            Id = Cycle, Title = "A cycle for the generated client", OpensAt = now.AddDays(-10), DueAt = now.AddDays(30), GraceUntil = now.AddDays(37),
            State = CycleState.Open, Instruments = ["BD", "ST"],
        });
        Assert.Equal(CycleState.Open, cycle!.State);
    }

    [Fact]
    public async Task TheGeneratedClientDrivesTheWholeWorkflow()
    {
        await using var api = await TestApi.StartAsync();
        var (admin, adminLast, adminAdapter) = Connect(api, TestApi.SecretariatSecret);
        await OpenCycleAsync(admin);

        var issued = await admin.V1.ApiKeys.PostAsync(new CreateApiKeyRequest { Role = Role.Liaison, ParticipantId = "GB", Label = "UK liaison" });
        Assert.Equal(Role.Liaison, issued!.Key!.Role);
        var (gb, gbLast, _) = Connect(api, issued.Secret);
        Assert.Equal("GB", (await gb.V1.Me.GetAsync())!.ParticipantId);

        // File with an Idempotency-Key; the retry answers the same update and says it is a replay.
        void Key(RequestConfiguration<DefaultQueryParameters> c) => c.Headers.Add("Idempotency-Key", "kiota-gb-bd1");
        var filed = await gb.V1.Updates.PostAsync(Filing(), Key);
        Assert.Equal(UpdateState.Draft, filed!.State);
        Assert.Null(filed.Timeliness);
        Assert.Equal("\"1\"", gbLast.ETag);
        var retried = await gb.V1.Updates.PostAsync(Filing(), Key);
        Assert.Equal(filed.Id, retried!.Id);
        Assert.Equal("true", gbLast.Message!.Headers.GetValues("Idempotent-Replayed").Single());
        var id = filed.Id!.Value;

        // Amend with If-Match (the ETag the filing answered), then submit.
        var amended = await gb.V1.Updates[id].PutAsync(new AmendUpdateRequest
        {
            Status = ImplementationStatus.Complete, Summary = "Done.", Evidence = [], Confidentiality = Confidentiality.Public,
        }, c => c.Headers.Add("If-Match", "\"1\""));
        Assert.Equal(2, amended!.Revision);
        var submitted = await gb.V1.Updates[id].Submit.PostAsync();
        Assert.Equal(UpdateState.Submitted, submitted!.State);
        Assert.Equal(Timeliness.On_time, submitted.Timeliness);

        // The secretariat reviews the revision it read, with its own assessed status.
        await admin.V1.Updates[id].GetAsync();
        var reviewed = await admin.V1.Updates[id].Review.PostAsync(new ReviewUpdateRequest
        {
            Decision = ReviewDecision.Accept, Comment = "Complete and eligible.", AssessedStatus = ImplementationStatus.Substantial,
        }, c => c.Headers.Add("If-Match", adminLast.ETag));
        Assert.Equal(UpdateState.Accepted, reviewed!.State);
        Assert.Equal(ImplementationStatus.Substantial, reviewed.AssessedStatus);

        // Coverage and the pack, as JSON and as CSV.
        var coverage = await admin.V1.Cycles[Cycle].Coverage.GetAsync();
        var cell = coverage!.Matrix!.Single(r => r.ParticipantId == "GB").Cells!.Single(c => c.CommitmentId == "BD-1");
        Assert.Equal(ImplementationStatus.Complete, cell.Status);
        Assert.Equal(UpdateState.Accepted, cell.State);
        Assert.Contains(coverage.Matrix!.SelectMany(r => r.Cells!), c => c.Obligated == true && c.Status is null);
        var pack = await admin.V1.Cycles[Cycle].BriefingPack.GetAsync();
        Assert.Equal(Cycle, pack!.CycleId);
        var csvRequest = admin.V1.Cycles[Cycle].BriefingPack.ToGetRequestInformation();
        csvRequest.Headers.Remove("Accept");
        csvRequest.Headers.Add("Accept", "text/csv");
        await using var csv = await adminAdapter.SendPrimitiveAsync<Stream>(csvRequest);
        Assert.StartsWith("text/csv", adminLast.Message!.Content.Headers.ContentType!.ToString());
        Assert.Contains("BD-1", await new StreamReader(csv!).ReadToEndAsync());

        // Freeze, then fetch the frozen pack.
        var frozen = await admin.V1.Cycles[Cycle].BriefingPacks.PostAsync(new FreezeBriefingPackRequest());
        Assert.Equal($"/v1/briefing-packs/{frozen!.Id}", adminLast.Message!.Headers.Location!.OriginalString);
        var fetched = await admin.V1.BriefingPacks[frozen.Id!.Value].GetAsync();
        Assert.Equal(Cycle, fetched!.CycleId);
        Assert.Equal(frozen.AsOf, fetched.AsOf);
        Assert.Equal($"\"{frozen.ContentHash}\"", adminLast.ETag);
    }

    [Fact]
    public async Task EachRefusalArrivesAsATypedProblemWithItsMembers()
    {
        await using var api = await TestApi.StartAsync();
        var (admin, _, _) = Connect(api, TestApi.SecretariatSecret);
        await OpenCycleAsync(admin);
        var gbKey = await admin.V1.ApiKeys.PostAsync(new CreateApiKeyRequest { Role = Role.Liaison, ParticipantId = "GB", Label = "UK liaison" });
        var (gb, _, _) = Connect(api, gbKey!.Secret);
        var filed = await gb.V1.Updates.PostAsync(Filing());
        var id = filed!.Id!.Value;

        static async Task<T> Refused<T>(int status, Func<Task> call) where T : Exception
        {
            var problem = await Assert.ThrowsAsync<T>(call);
            Assert.Equal(status, ((ApiException)(Exception)problem).ResponseStatusCode);
            return problem;
        }

        var (stranger, _, _) = Connect(api, "cmt_not-a-key-0123456789abcdef0123456789");
        var unauthenticated = await Refused<Problem>(401, () => stranger.V1.Instruments.GetAsync());
        Assert.False(string.IsNullOrEmpty(unauthenticated.TraceId));

        var forbidden = await Refused<Problem>(403, () => gb.V1.ApiKeys.PostAsync(new CreateApiKeyRequest { Role = Role.Observer, Label = "x" }));
        Assert.Equal(403, forbidden.Status);

        await Refused<Problem>(404, () => gb.V1.Updates[Guid.NewGuid()].GetAsync());

        var duplicate = await Refused<Problem>(409, () => gb.V1.Updates.PostAsync(Filing()));
        Assert.Equal(filed.Id, duplicate.ExistingId);
        Assert.Equal($"/v1/updates/{id}", duplicate.Existing);

        await Refused<Problem>(428, () => gb.V1.Updates[id].PutAsync(new AmendUpdateRequest
        {
            Status = ImplementationStatus.Complete, Summary = "Done.", Evidence = [], Confidentiality = Confidentiality.Public,
        }));
        await Refused<Problem>(412, () => gb.V1.Updates[id].PutAsync(new AmendUpdateRequest
        {
            Status = ImplementationStatus.Complete, Summary = "Done.", Evidence = [], Confidentiality = Confidentiality.Public,
        }, c => c.Headers.Add("If-Match", "\"7\"")));

        var notAnObligation = await Refused<Problem>(422, () => gb.V1.Updates.PostAsync(Filing(commitment: "FAISC-I")));
        Assert.True(notAnObligation.Errors!.AdditionalData.ContainsKey("commitmentId"));

        var invalid = await Refused<ValidationProblem>(400, () => gb.V1.Updates.PostAsync(new FileUpdateRequest { ParticipantId = "GB" }));
        Assert.True(invalid.Errors!.AdditionalData.ContainsKey("summary"));

        await gb.V1.Updates[id].Withdraw.PostAsync();
        var illegal = await Refused<Problem>(409, () => gb.V1.Updates[id].Withdraw.PostAsync());
        Assert.Equal(UpdateState.Withdrawn, illegal.CurrentState);
    }
}
