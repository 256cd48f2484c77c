using System.Text.Json;
using System.Text.Json.Serialization;
using Commitments.Api.Features.ApiKeys;
using Commitments.Api.Features.Audit;
using Commitments.Api.Features.Commitments;
using Commitments.Api.Features.Cycles;
using Commitments.Api.Features.Instruments;
using Commitments.Api.Features.Log;
using Commitments.Api.Features.Participants;
using Commitments.Api.Features.Reports;
using Commitments.Api.Features.Speakers;
using Commitments.Api.Features.Updates;
using Commitments.Api.Hosting;
using Commitments.Api.Pipeline;
using Commitments.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

if (CommandLine.Refusal(args) is { } refused)
{
    await (refused.ExitCode == 0 ? Console.Out : Console.Error).WriteLineAsync(refused.Text);
    return refused.ExitCode;
}
// `probe <url>`: the container's health check, without starting the API (the runtime image has no curl).
if (args is ["probe", var probeUrl]) return await Probe.RunAsync(probeUrl);

try
{
    var builder = WebApplication.CreateBuilder(args);
    var services = builder.Services;

    // `verify` reads only: it never migrates, seeds or writes (a signing key included) into the database it checks.
    var verifyOnly = args is ["verify", ..];
    services.AddCommitmentsDatabase(builder.Configuration, readOnly: verifyOnly);
    services.AddSingleton(TimeProvider.System);
    services.AddHttpContextAccessor();
    services.AddScoped<RequestContext>();
    services.AddScoped<AuditTrail>();
    services.AddScoped<UpdateTransitions>();
    services.AddScoped<LinkedObligations>();
    services.AddScoped<BriefingPacks>();
    services.AddScoped<PackHtml>();
    services.AddScoped<Commitments.Api.Receipts.RecordSigning>();
    services.Configure<Swashbuckle.AspNetCore.SwaggerGen.SwaggerGenOptions>(o => o.OperationFilter<Commitments.Api.Receipts.ReceiptHeaderDocumentation>());

    services.AddMediator((Mediator.MediatorOptions o) =>
    {
        o.ServiceLifetime = ServiceLifetime.Scoped;
        o.Assemblies = [typeof(Program)];
        o.PipelineBehaviors = [typeof(TelemetryBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>), typeof(IdempotencyBehaviour<,>)];
    });
    services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
    ValidatorOptions.Global.LanguageManager.Enabled = false;
    ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    services.ConfigureHttpJsonOptions(o =>
    {
        o.SerializerOptions.Converters.Add(new Commitments.Api.Http.ExactCodeConverter());
        o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.SerializerOptions.MaxDepth = 16;
        o.SerializerOptions.TypeInfoResolverChain.Insert(0, Commitments.Api.Features.Updates.UpdateJsonContext.Default);
    });
    // Binding failures (malformed JSON, wrong types, unknown fields) reach the exception handler, which names the field.
    services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    services.AddProblemResponses();
    services.AddExceptionHandler<ProblemExceptionHandler>();

    services.AddApiKeyAuth();
    // Routing would answer a body of the wrong media type with 415 before authorization runs; without its accepts policy the
    // endpoint refuses it after, so a caller without a valid key learns only that it needs one (401 before 415).
    foreach (var accepts in services.Where(d => d.ServiceType == typeof(Microsoft.AspNetCore.Routing.MatcherPolicy)
                 && d.ImplementationType?.Name == "AcceptsMatcherPolicy").ToList())
        services.Remove(accepts);
    services.AddFailedKeyLimit(builder.Configuration);
    services.AddCommitmentsRateLimiting(builder.Configuration);
    services.AddCommitmentsOpenApi();
    services.AddCommitmentsTelemetry(builder.Configuration);
    // Log scopes carry the trace id that problem details show; `Logging:Console:FormatterName=json` writes JSON lines.
    builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
    builder.WebHost.ConfigureKestrel((context, k) => Limits.ApplyTo(k, context.Configuration));
    // SIGTERM: stop accepting, let in-flight requests finish (up to 20 s), then exit.
    services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

    var app = builder.Build();
    if (verifyOnly) return await VerifyCommand.RunAsync(app.Services);
    // `backup <file>` copies the database as it is: before a migrate step, that copy is the way back.
    if (args is ["backup", var backupFile]) return await Backup.RunAsync(app.Services.GetRequiredService<Database>(), backupFile);
    // `migrate` applies migrations and seeds, then exits: the production step before the instances serve.
    var migrateOnly = args is ["migrate", ..];
    await DatabaseSetup.InitialiseAsync(app.Services, app.Configuration, app.Logger,
        migrate: migrateOnly || DatabaseSetup.MigrateAtStart(app.Configuration));
    if (migrateOnly) return 0;
    if (args is ["keys", ..]) return await KeysCommand.RunAsync(app.Services, args[1..]);

    Commitments.Api.Http.CachingHeaders.Use(app);
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseRequestHeadLimits();
    app.UseBodySizeLimit();
    app.UseSwagger();
    app.UseSwaggerUI();
    app.UseFailedKeyLimit();
    app.UseAuthentication();
    app.UseRejectInvalidKeys();
    app.UseRateLimitHeaders();
    app.UseRateLimiter();
    app.UseAuthorization();

    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(new HttpMethodMetadata(["GET"]));
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithMetadata(new HttpMethodMetadata(["GET"]));
    app.MapMe();
    app.MapApiKeys();
    app.MapAudit();
    app.MapInstruments();
    app.MapCommitments();
    app.MapCrosswalk();
    app.MapParticipants();
    app.MapCycles();
    app.MapUpdates();
    app.MapReports();
    app.MapSpeakers();
    app.MapLog();

    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"Commitments API cannot start: {e.Message}");
    return 1;
}

public partial class Program;
