using Commitments.Api.Http;
using Commitments.Api.Features.Catalogue;

namespace Commitments.Api.Features.ApiKeys;

/// <summary><c>dotnet run --project src/Commitments.Api -- keys create --role ROLE [--participant ID] [--label TEXT]</c></summary>
public static class KeysCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args is not ["create", .. var rest])
        {
            await Console.Error.WriteLineAsync("usage: keys create --role secretariat|liaison|observer [--participant ID] [--label TEXT]");
            return 2;
        }
        string? Option(string name) => Array.IndexOf(rest, name) is var i and >= 0 && i + 1 < rest.Length ? rest[i + 1] : null;
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            var role = Inputs.Code<Role>(Option("--role") ?? "", "--role");
            var outcome = await mediator.Send(new CreateApiKey.Command(
                new CreateApiKey.Request(role, Option("--participant"), Option("--label") ?? "created from the command line", null)));
            if (outcome.Failure is { } f)
            {
                await Console.Error.WriteLineAsync(f.Detail);
                return 1;
            }
            var key = outcome.Value!;
            Console.WriteLine($"Created {key.Key.Role.ToString().ToLowerInvariant()} key {key.Key.Id}. Keep this secret; it is shown once:");
            Console.WriteLine(key.Secret);
            return 0;
        }
        catch (ValidationException e)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, e.Errors.Select(x => $"{x.PropertyName}: {x.ErrorMessage}")));
            return 2;
        }
        catch (RequestValidationException e)
        {
            await Console.Error.WriteLineAsync($"{e.Field}: {e.Message}");
            return 2;
        }
    }
}
