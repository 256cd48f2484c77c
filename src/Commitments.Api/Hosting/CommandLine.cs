namespace Commitments.Api.Hosting;

/// <summary>The commands the binary answers. Anything else is an error, never a server (nor a database created where it ran).</summary>
public static class CommandLine
{
    public const string Usage = """
        Commitments API: dotnet Commitments.Api.dll [command] [options]

          (no command)      serve the API; options such as --urls http://127.0.0.1:5080 or any setting as --Section:Key=value
          migrate           apply the migrations and seed the catalogue, then exit: the production step before instances serve
          verify            check every revision, frozen pack and log node; exit 0 when intact, 1 naming the first break
          backup <file>     copy the SQLite database while it serves (VACUUM INTO), set the copy to WAL and check it
          keys create ...   create an API key and print its secret once (keys create --role liaison --participant GB --label UK)
          probe <url>       exit 0 when <url> answers 2xx, 1 saying why not: the container's health check
          --help            this text
        """;

    private static readonly string[] Commands = ["migrate", "verify", "keys", "probe", "backup"];

    /// <summary>Null when the arguments are fine to act on; otherwise what to say and the exit code (0 for --help).</summary>
    public static (string Text, int ExitCode)? Refusal(string[] args) => args switch
    {
        ["--help" or "-h" or "help", ..] => (Usage, 0),
        ["probe", _] or ["backup", _] => null,
        ["backup", ..] => ("backup takes the file to write, e.g. backup /backups/commitments-2026-12-08.db", 1),
        ["probe", ..] => ("probe takes one URL, e.g. probe http://127.0.0.1:8080/health/ready", 1),
        [var first, ..] when !first.StartsWith('-') && !Commands.Contains(first) =>
            ($"Unknown command '{first}'. Run with --help for the commands.", 1),
        _ => null,
    };
}
