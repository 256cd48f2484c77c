namespace Commitments.Tests.Support;

public static class Repo
{
    /// <summary>The repository root: the folder holding Commitments.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Commitments.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Commitments.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Where tests leave artefacts (screenshots, figures) for CI to keep.</summary>
    public static string Artefacts
    {
        get
        {
            var path = Path.Combine(Root, "TestResults", "artefacts");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
