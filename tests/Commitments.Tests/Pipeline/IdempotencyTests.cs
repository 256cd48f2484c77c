using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Commitments.Api.Auth;
using Commitments.Api.Features.Updates;
using Commitments.Domain;
using Commitments.Infrastructure.Data;
using Commitments.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Pipeline;

/// <summary>The idempotency behaviour serves every command that declares itself idempotent, and works nested inside another command.</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public async Task ARetriedFreezeAnswersThePackFrozenFirstAndFreezesNothingMore()
    {
        await using var api = await TestApi.StartAsync();
        var admin = api.Secretariat();
        HttpRequestMessage Freeze(string audience) => new(HttpMethod.Post, "/v1/cycles/seoul-2024/briefing-packs")
        {
            Content = JsonContent.Create(new { audience }),
            Headers = { { "Idempotency-Key", "freeze-for-leaders" } },
        };

        var first = await admin.SendAsync(Freeze("public"));
        var frozen = await first.AssertOkAsync(HttpStatusCode.Created);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        var retry = await admin.SendAsync(Freeze("public"));
        var replayed = await retry.AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(frozen.ToJsonString(), replayed.ToJsonString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);

        await (await admin.SendAsync(Freeze("secretariat"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var audit = await (await admin.GetAsync("/v1/audit?action=briefing_pack.freeze&limit=200")).Content.ReadAsStringAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(audit, "\"briefing_pack.freeze\""));
    }

    [Fact]
    public async Task IdempotentCommandsSentInsideAnotherCommandJoinItsTransactionAndReplay()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var keyId = (await (await api.Secretariat().GetAsync("/v1/me")).AssertOkAsync())["keyId"]!.GetValue<string>();

        await using (var scope = api.Services.CreateAsyncScope())
        {
            // The outer command (a bulk filing, say) holds the transaction; the updates it files are commands of their own.
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
            {
                RequestServices = scope.ServiceProvider,
                User = new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.Role, "secretariat"), new Claim(Actor.KeyIdClaim, keyId)], "test")),
            };
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await session.BeginAsync(CancellationToken.None);

            FileUpdate.Request Row(string commitment) => new("GB", commitment, Filing.OpenCycle, ImplementationStatus.Limited, "Row " + commitment,
                null, null, [], Confidentiality.Public, null, false);
            var first = await mediator.Send(new FileUpdate.Command(Row("BD-1"), "bulk-7/row-1"));
            var second = await mediator.Send(new FileUpdate.Command(Row("BD-2"), "bulk-7/row-2"));
            var again = await mediator.Send(new FileUpdate.Command(Row("BD-1"), "bulk-7/row-1"));
            var clash = await mediator.Send(new FileUpdate.Command(Row("BD-6"), "bulk-7/row-1"));

            Assert.NotNull(session.Transaction); // the inner commands joined the outer transaction and left it open
            Assert.Null(first.Failure);
            Assert.Null(second.Failure);
            Assert.True(again.Replayed);
            Assert.Equal(first.Value!.Id, again.Value!.Id);
            Assert.Equal(Commitments.Api.Errors.FailureKind.Unprocessable, clash.Failure?.Kind);
            await session.CommitAsync(CancellationToken.None);
        }

        var listed = await (await api.Secretariat().GetAsync($"/v1/updates?cycle={Filing.OpenCycle}")).AssertOkAsync();
        Assert.Equal(["BD-1", "BD-2"], listed["items"]!.AsArray().Select(u => u.Str("commitmentId")).Order());
    }
}
