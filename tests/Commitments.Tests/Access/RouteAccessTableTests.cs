using System.Net.Http.Json;
using Commitments.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Access;

/// <summary>Every route x every kind of caller, and the status each must get. A route with no row fails the test.</summary>
public sealed class RouteAccessTableTests
{
    public enum Caller { Anonymous, Revoked, Observer, LiaisonFr, LiaisonGb, Secretariat }

    private static readonly Caller[] Callers = Enum.GetValues<Caller>();

    /// <summary>What a cell needs: clients per caller and fresh updates made by the secretariat.</summary>
    private sealed class Context(TestApi api, Dictionary<Caller, HttpClient> clients, string restrictedUpdate)
    {
        private int _slot;
        public TestApi Api => api;
        public HttpClient Client(Caller c) => clients[c];
        public string RestrictedUpdate => restrictedUpdate;
        public int Next() => Interlocked.Increment(ref _slot);

        /// <summary>A new public GB update (draft or submitted) on a fresh obligation: one per obligation in each prepared cycle.</summary>
        public async Task<string> FreshUpdateAsync(bool submit)
        {
            var n = Next();
            var body = Filing.Body(commitment: Obligations[n % Obligations.Length], cycle: $"access-{n / Obligations.Length}", submit: submit);
            return (await api.Secretariat().FileAsync(body)).Id();
        }

        /// <summary>access-0..4 for fresh updates, access-filing for the filing row, access-exempt for exemptions.</summary>
        public async Task PrepareCyclesAsync()
        {
            for (var i = 0; i < 5; i++) await api.CreateOpenCycleAsync($"access-{i}");
            await api.CreateOpenCycleAsync("access-filing");
            await api.CreateOpenCycleAsync("access-exempt");
            await api.CreateOpenCycleAsync("access-bulk");
        }

        /// <summary>A new crosswalk link of its own (BD-6 to a new commitment), made by the secretariat.</summary>
        public async Task<string> LinkAsync() =>
            (await (await api.Secretariat().PostAsJsonAsync("/v1/commitment-links",
                    new { commitmentId = "BD-6", linkedCommitmentId = await NewCommitmentAsync(), relation = "asks_same" }))
                .AssertOkAsync(System.Net.HttpStatusCode.Created)).Id();

        /// <summary>A new commitment nobody has linked yet.</summary>
        public async Task<string> NewCommitmentAsync()
        {
            var id = $"SD-link-{Next()}";
            await (await api.Secretariat().PostAsJsonAsync("/v1/commitments", new { id, instrument = "SD", paragraphRef = "para 1", appliesTo = "all", title = "t" }))
                .AssertOkAsync(System.Net.HttpStatusCode.Created);
            return id;
        }

        public static readonly string[] Obligations =
            ["BD-1", "BD-2", "BD-5", "BD-6", "BD-7", "BD-7b", "BD-7c", "BD-7d",
             "ST-1", "ST-3", "ST-4", "ST-5", "ST-9", "CS-2", "CS-3"];
    }

    private sealed record Row(string Method, string Route, int[] Expected, Func<Context, Caller, Task<HttpRequestMessage>> Build);

    private static HttpRequestMessage Req(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static Func<Context, Caller, Task<HttpRequestMessage>> Fixed(HttpMethod method, string path, object? body = null) =>
        (_, _) => Task.FromResult(Req(method, path, body));

    //                                 anonymous, revoked, observer, liaison FR, liaison GB, secretariat
    private static readonly int[] Public = [200, 401, 200, 200, 200, 200];
    private static readonly int[] AnyKey = [401, 401, 200, 200, 200, 200];
    private static readonly int[] SecretariatOnly = [401, 401, 403, 403, 403, 200];
    private static readonly int[] SecretariatCreates = [401, 401, 403, 403, 403, 201];

    private static IEnumerable<Row> Rows() =>
    [
        new("GET", "/health/live", Public, Fixed(HttpMethod.Get, "/health/live")),
        new("GET", "/health/ready", Public, Fixed(HttpMethod.Get, "/health/ready")),
        new("GET", "/v1/me", AnyKey, Fixed(HttpMethod.Get, "/v1/me")),
        new("POST", "/v1/api-keys", SecretariatCreates, Fixed(HttpMethod.Post, "/v1/api-keys", new { role = "observer", label = "table" })),
        new("GET", "/v1/api-keys", SecretariatOnly, Fixed(HttpMethod.Get, "/v1/api-keys")),
        new("DELETE", "/v1/api-keys/{id}", SecretariatOnly, async (ctx, _) =>
            Req(HttpMethod.Delete, $"/v1/api-keys/{(await ctx.Api.IssueKeyAsync("observer")).Id}")),
        new("GET", "/v1/audit", SecretariatOnly, Fixed(HttpMethod.Get, "/v1/audit")),
        new("GET", "/v1/instruments", Public, Fixed(HttpMethod.Get, "/v1/instruments")),
        new("GET", "/v1/instruments/{code}", Public, Fixed(HttpMethod.Get, "/v1/instruments/BD")),
        new("GET", "/v1/commitments", Public, Fixed(HttpMethod.Get, "/v1/commitments")),
        new("GET", "/v1/commitments/{id}", Public, Fixed(HttpMethod.Get, "/v1/commitments/BD-1")),
        new("POST", "/v1/commitments", SecretariatCreates, (ctx, c) => Task.FromResult(Req(HttpMethod.Post, "/v1/commitments",
            new { id = $"SD-{ctx.Next()}", instrument = "SD", paragraphRef = "para 1", appliesTo = "all", title = "t" }))),
        new("GET", "/v1/commitments/{id}/links", Public, Fixed(HttpMethod.Get, "/v1/commitments/FAISC-VII/links")),
        new("GET", "/v1/commitment-links/{id}", Public, async (ctx, _) => Req(HttpMethod.Get, $"/v1/commitment-links/{await ctx.LinkAsync()}")),
        new("POST", "/v1/commitment-links", SecretariatCreates, async (ctx, _) => Req(HttpMethod.Post, "/v1/commitment-links",
            new { commitmentId = "BD-6", linkedCommitmentId = await ctx.NewCommitmentAsync(), relation = "asks_same" })),
        new("DELETE", "/v1/commitment-links/{id}", SecretariatOnly, async (ctx, _) => Req(HttpMethod.Delete, $"/v1/commitment-links/{await ctx.LinkAsync()}")),
        new("PATCH", "/v1/commitments/{id}", SecretariatOnly, Fixed(HttpMethod.Patch, "/v1/commitments/BD-7d", new { title = "Meet again" })),
        new("GET", "/v1/participants", Public, Fixed(HttpMethod.Get, "/v1/participants")),
        new("GET", "/v1/participants/{id}", Public, Fixed(HttpMethod.Get, "/v1/participants/GB")),
        new("GET", "/v1/participants/{id}/obligations", Public, Fixed(HttpMethod.Get, "/v1/participants/GB/obligations?cycle=seoul-2024")),
        new("POST", "/v1/participants", SecretariatCreates, (ctx, _) => Task.FromResult(Req(HttpMethod.Post, "/v1/participants",
            new { id = $"company-{ctx.Next()}", name = "A company", kind = "company" }))),
        new("PATCH", "/v1/participants/{id}", SecretariatOnly, Fixed(HttpMethod.Patch, "/v1/participants/KE", new { name = "Kenya" })),
        new("GET", "/v1/cycles", Public, Fixed(HttpMethod.Get, "/v1/cycles")),
        new("GET", "/v1/cycles/{id}", Public, Fixed(HttpMethod.Get, "/v1/cycles/seoul-2024")),
        new("POST", "/v1/cycles", SecretariatCreates, (ctx, _) => Task.FromResult(Req(HttpMethod.Post, "/v1/cycles", new
        {
            id = $"cycle-{ctx.Next()}", title = "t", opensAt = "2026-01-01T00:00:00Z", dueAt = "2026-02-01T00:00:00Z",
            graceUntil = "2026-02-08T00:00:00Z", instruments = new[] { "BD" },
        }))),
        new("PATCH", "/v1/cycles/{id}", SecretariatOnly, Fixed(HttpMethod.Patch, "/v1/cycles/seoul-2024", new { title = "Seoul 2024" })),
        new("POST", "/v1/updates", [401, 401, 403, 403, 201, 201], (ctx, c) => Task.FromResult(Req(HttpMethod.Post, "/v1/updates",
            Filing.Body(commitment: Context.Obligations[(int)c], cycle: "access-filing")))),
        new("GET", "/v1/updates", AnyKey, Fixed(HttpMethod.Get, "/v1/updates")),
        new("POST", "/v1/participants/{id}/updates/bulk", [401, 401, 403, 403, 200, 200], (ctx, c) => Task.FromResult(Req(HttpMethod.Post,
            "/v1/participants/GB/updates/bulk?cycle=access-bulk",
            new[] { new { commitmentId = Context.Obligations[(int)c], status = "limited", summary = "Bulk.", confidentiality = "public" } }))),
        new("GET", "/v1/updates/{id}", [401, 401, 404, 404, 200, 200], (ctx, _) => Task.FromResult(Req(HttpMethod.Get, $"/v1/updates/{ctx.RestrictedUpdate}"))),
        new("PUT", "/v1/updates/{id}", [401, 401, 403, 403, 200, 200], async (ctx, _) =>
            Req(HttpMethod.Put, $"/v1/updates/{await ctx.FreshUpdateAsync(submit: true)}", Filing.Content(), "\"1\"")),
        new("POST", "/v1/updates/{id}/submit", [401, 401, 403, 404, 200, 200], async (ctx, _) =>
            Req(HttpMethod.Post, $"/v1/updates/{await ctx.FreshUpdateAsync(submit: false)}/submit")),
        new("POST", "/v1/updates/{id}/withdraw", [401, 401, 403, 403, 200, 200], async (ctx, _) =>
            Req(HttpMethod.Post, $"/v1/updates/{await ctx.FreshUpdateAsync(submit: true)}/withdraw")),
        new("POST", "/v1/updates/{id}/reopen", [401, 401, 403, 404, 200, 200], async (ctx, _) =>
        {
            var id = await ctx.FreshUpdateAsync(submit: true);
            await (await ctx.Api.Secretariat().PostAsync($"/v1/updates/{id}/withdraw", null)).AssertOkAsync();
            return Req(HttpMethod.Post, $"/v1/updates/{id}/reopen");
        }),
        new("POST", "/v1/updates/{id}/review", SecretariatOnly, async (ctx, _) =>
            Req(HttpMethod.Post, $"/v1/updates/{await ctx.FreshUpdateAsync(submit: true)}/review", new { decision = "accept" }, "\"1\"")),
        // A submitted public BD-7d answer copied to ST-4 (linked in the crosswalk), each in a cycle of its own: FR reads it, may not copy it.
        new("POST", "/v1/updates/{id}/copies", [401, 401, 403, 403, 200, 200], async (ctx, _) =>
        {
            var cycle = $"access-copy-{ctx.Next()}";
            await ctx.Api.CreateOpenCycleAsync(cycle);
            var source = (await ctx.Api.Secretariat().FileAsync(Filing.Body(commitment: "BD-7d", cycle: cycle, submit: true))).Id();
            return Req(HttpMethod.Post, $"/v1/updates/{source}/copies", new { commitments = new[] { "ST-4" } });
        }),
        new("GET", "/v1/updates/{id}/revisions", [401, 401, 404, 404, 200, 200], (ctx, _) =>
            Task.FromResult(Req(HttpMethod.Get, $"/v1/updates/{ctx.RestrictedUpdate}/revisions"))),
        new("GET", "/v1/updates/{id}/revisions/{number:int}", [401, 401, 404, 404, 200, 200], (ctx, _) =>
            Task.FromResult(Req(HttpMethod.Get, $"/v1/updates/{ctx.RestrictedUpdate}/revisions/1"))),
        new("GET", "/v1/updates/{id}/revisions/{number:int}/receipt", [401, 401, 404, 404, 200, 200], (ctx, _) =>
            Task.FromResult(Req(HttpMethod.Get, $"/v1/updates/{ctx.RestrictedUpdate}/revisions/1/receipt"))),
        .. ReportRows(),
        .. LogRows(),
    ];

    /// <summary>Reports: the secretariat's; a liaison may pull its own participant's digest.</summary>
    private static IEnumerable<Row> ReportRows() =>
    [
        new("GET", "/v1/cycles/{id}/coverage", SecretariatOnly, Fixed(HttpMethod.Get, "/v1/cycles/seoul-2024/coverage")),
        new("GET", "/v1/cycles/{id}/briefing-pack", SecretariatOnly, Fixed(HttpMethod.Get, "/v1/cycles/seoul-2024/briefing-pack")),
        new("GET", "/v1/cycles/{id}/late", SecretariatOnly, Fixed(HttpMethod.Get, "/v1/cycles/seoul-2024/late")),
        new("POST", "/v1/cycles/{id}/briefing-packs", SecretariatCreates, Fixed(HttpMethod.Post, "/v1/cycles/seoul-2024/briefing-packs", new { })),
        new("GET", "/v1/briefing-packs/{packId}", SecretariatOnly, async (ctx, _) =>
        {
            var frozen = await (await ctx.Api.Secretariat().PostAsJsonAsync("/v1/cycles/seoul-2024/briefing-packs", new { })).ReadJsonAsync();
            return Req(HttpMethod.Get, $"/v1/briefing-packs/{frozen["id"]}");
        }),
        new("POST", "/v1/cycles/{id}/exemptions", SecretariatCreates, (ctx, _) => Task.FromResult(Req(HttpMethod.Post, "/v1/cycles/access-exempt/exemptions",
            new { participantId = "GB", commitmentId = Context.Obligations[ctx.Next() % Context.Obligations.Length], reason = "Reported through another forum." }))),
        new("GET", "/v1/cycles/{id}/exemptions", SecretariatOnly, Fixed(HttpMethod.Get, "/v1/cycles/seoul-2024/exemptions")),
        new("GET", "/v1/participants/{id}/digest", [401, 401, 403, 403, 200, 200], Fixed(HttpMethod.Get, "/v1/participants/GB/digest?cycle=seoul-2024")),
        new("GET", "/v1/cycles/{id}/speakers", AnyKey, Fixed(HttpMethod.Get, "/v1/cycles/seoul-2024/speakers")),
        new("PUT", "/v1/cycles/{id}/speakers", SecretariatOnly, Fixed(HttpMethod.Put, "/v1/cycles/seoul-2024/speakers", new { participantIds = new[] { "GB", "KR" } })),
    ];

    /// <summary>The log: its head, consistency proofs and key name no entry; an inclusion proof names a revision and follows its visibility.</summary>
    private static IEnumerable<Row> LogRows() =>
    [
        new("GET", "/v1/log/tree-head", AnyKey, Fixed(HttpMethod.Get, "/v1/log/tree-head")),
        new("GET", "/v1/log/proofs/inclusion", [401, 401, 404, 404, 200, 200], async (ctx, _) =>
        {
            var receipt = await (await ctx.Api.Secretariat().GetAsync($"/v1/updates/{ctx.RestrictedUpdate}/revisions/1/receipt")).AssertOkAsync();
            return Req(HttpMethod.Get, $"/v1/log/proofs/inclusion?update={ctx.RestrictedUpdate}&revision={receipt.Str("revisionHash")}");
        }),
        new("GET", "/v1/log/proofs/consistency", AnyKey, Fixed(HttpMethod.Get, "/v1/log/proofs/consistency?from=1&to=1")),
        new("GET", "/.well-known/commitments-log-key", Public, Fixed(HttpMethod.Get, "/.well-known/commitments-log-key")),
    ];

    [Fact]
    public async Task EveryRouteGivesEachCallerTheStatusItMustGet()
    {
        await using var api = await TestApi.StartAsync();
        var (revokedId, revokedSecret) = await api.IssueKeyAsync("secretariat");
        await (await api.Secretariat().DeleteAsync($"/v1/api-keys/{revokedId}")).AssertOkAsync();
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = api.Anonymous(),
            [Caller.Revoked] = api.As(revokedSecret),
            [Caller.Observer] = api.As((await api.IssueKeyAsync("observer")).Secret),
            [Caller.LiaisonFr] = await api.LiaisonAsync("FR"),
            [Caller.LiaisonGb] = await api.LiaisonAsync("GB"),
            [Caller.Secretariat] = api.Secretariat(),
        };
        await api.CreateOpenCycleAsync("access-restricted");
        var restricted = (await api.Secretariat().FileAsync(Filing.Body(cycle: "access-restricted", confidentiality: "restricted", submit: true))).Id();
        var context = new Context(api, clients, restricted);
        await context.PrepareCyclesAsync();

        List<string> wrong = [];
        foreach (var row in Rows())
        {
            foreach (var caller in Callers)
            {
                var response = await context.Client(caller).SendAsync(await row.Build(context, caller));
                var expected = row.Expected[(int)caller];
                if ((int)response.StatusCode != expected)
                    wrong.Add($"{row.Method} {row.Route} as {caller}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                else if (expected >= 400)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                if (expected == 401) Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task EveryMappedRouteHasARow()
    {
        await using var api = await TestApi.StartAsync();
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {"/" + e.RoutePattern.RawText!.Trim('/')}"))
            .ToHashSet();
        var covered = Rows().Select(r => $"{r.Method} {r.Route}").ToHashSet();
        Assert.True(!mapped.Except(covered).Any(), "routes with no row: " + string.Join(", ", mapped.Except(covered)));
        Assert.True(!covered.Except(mapped).Any(), "rows with no route: " + string.Join(", ", covered.Except(mapped)));
    }
}
