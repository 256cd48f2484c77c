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

// `probe <url>`: the container's health check, without starting the API (the runtime image has no curl).
if (args is ["probe", var probeUrl]) return await Probe.RunAsync(probeUrl);

try
{
    var builder = WebApplication.CreateBuilder(args);
    var services = builder.Services;

    services.AddCommitmentsDatabase(builder.Configuration);
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
    // `migrate` applies migrations and seeds, then exits: the production step before the instances serve.
    var migrateOnly = args is ["migrate", ..];
    await DatabaseSetup.InitialiseAsync(app.Services, app.Configuration, app.Logger,
        migrate: migrateOnly || DatabaseSetup.MigrateAtStart(app.Configuration));
    if (migrateOnly) return 0;
    if (args is ["keys", ..]) return await KeysCommand.RunAsync(app.Services, args[1..]);
    if (args is ["verify", ..]) return await VerifyCommand.RunAsync(app.Services);

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
