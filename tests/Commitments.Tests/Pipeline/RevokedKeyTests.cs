using System.Net;
using System.Security.Claims;
using Commitments.Api.Auth;
using Commitments.Api.Errors;
using Commitments.Api.Features.Updates;
using Commitments.Domain;
using Commitments.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Commitments.Tests.Pipeline;

/// <summary>A request authenticated before its key was revoked cannot commit after the revocation.</summary>
public sealed class RevokedKeyTests
{
    [Fact]
    public async Task ACommandWhoseKeyWasRevokedWhileItWaitedChangesNothing()
    {
        await using var api = await TestApi.StartAsync();
        await api.CreateOpenCycleAsync();
        var (keyId, _) = await api.IssueKeyAsync("liaison", "GB");

        await using (var scope = api.Services.CreateAsyncScope())
        {
            // The request was authenticated with a valid key; its command reaches the transaction after the revocation.
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
            {
                RequestServices = scope.ServiceProvider,
                User = new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.Role, "liaison"), new Claim(Actor.KeyIdClaim, keyId), new Claim(Actor.ParticipantClaim, "GB")], "test")),
            };
            var revoked = await api.Secretariat().DeleteAsync($"/v1/api-keys/{keyId}");
            Assert.True(revoked.IsSuccessStatusCode, $"revoking answered {(int)revoked.StatusCode}");
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var row = new FileUpdate.Request("GB", "BD-1", Filing.OpenCycle, ImplementationStatus.Limited, "Too late.", null, null, [],
                Confidentiality.Public, null, false);
            await Assert.ThrowsAsync<KeyNoLongerValidException>(async () => await mediator.Send(new FileUpdate.Command(row, null)));
        }

        var listed = await (await api.Secretariat().GetAsync($"/v1/updates?cycle={Filing.OpenCycle}")).AssertOkAsync();
        Assert.Empty(listed["items"]!.AsArray());
    }
}
