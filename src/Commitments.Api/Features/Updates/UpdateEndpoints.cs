namespace Commitments.Api.Features.Updates;

public static class UpdateEndpoints
{
    public static RouteGroupBuilder MapUpdates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/updates").WithTags("Progress updates").RequireAuthorization(Policies.KeyHolder);
        FileUpdate.Map(group);
        ListUpdates.Map(group);
        GetUpdate.Map(group);
        AmendUpdate.Map(group);
        ActOnUpdate.MapActions(group);
        ReviewUpdate.Map(group);
        CopyUpdate.Map(group);
        ListRevisions.Map(group);
        GetRevision.Map(group);
        GetReceipt.Map(group);
        // A participant's many updates in one upload sit under the participant, beside its obligations template.
        BulkFileUpdates.Map(app.MapGroup("/v1/participants").WithTags("Progress updates").RequireAuthorization(Policies.KeyHolder));
        return group;
    }
}
