using System.Reflection;
using Commitments.Infrastructure.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Commitments.Tests.Foundation;

/// <summary>No SQL Server runs here, so every SQL Server statement is at least parsed by Microsoft's own T-SQL parser.</summary>
public sealed class SqlServerStatementTests
{
    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        parser.Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private static string Describe(IList<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"));

    public static TheoryData<string> Migrations()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(Database).Assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.SqlServer.")))
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Migrations))]
    public void EverySqlServerMigrationParses(string resource)
    {
        using var stream = typeof(Database).Assembly.GetManifestResourceStream(resource)!;
        var sql = new StreamReader(stream).ReadToEnd();
        var errors = Parse(sql);
        Assert.True(errors.Count == 0, $"{resource}: {Describe(errors)}");
    }

    /// <summary>Every property of every *Sql class of Infrastructure, spelt for SQL Server.</summary>
    public static TheoryData<string, string> Statements()
    {
        var data = new TheoryData<string, string>();
        var types = typeof(Database).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Sql", StringComparison.Ordinal) && t.GetConstructor([typeof(SqlDialect)]) is not null);
        foreach (var type in types)
        {
            var instance = Activator.CreateInstance(type, SqlDialect.SqlServer)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
                data.Add($"{type.Name}.{property.Name}", (string)property.GetValue(instance)!);
        }
        // Statements built for a count: an append's node read and its size and node insert, from the smallest to the largest built.
        var log = new Commitments.Infrastructure.Receipts.LogSql(SqlDialect.SqlServer);
        foreach (var count in new[] { 1, 2, 20, 64 })
        {
            data.Add($"LogSql.NodesAt({count})", log.NodesAt(count));
            data.Add($"LogSql.Append({count})", log.Append(count));
        }
        data.Add("DataVersion.RaiseSql", Commitments.Infrastructure.Data.DataVersion.RaiseSql);
        return data;
    }

    [Fact]
    public void TheStatementCatalogueIsNotEmpty() => Assert.True(Statements().Count() >= 30, $"only {Statements().Count()} statements found");

    [Theory]
    [MemberData(nameof(Statements))]
    public void EverySqlServerStatementParses(string name, string sql)
    {
        var errors = Parse(sql);
        Assert.True(errors.Count == 0, $"{name}: {Describe(errors)}\n{sql}");
    }

    [Fact]
    public void TheParserReportsWhereABrokenStatementFails()
    {
        var errors = Parse("SELECT id FROM updates WHERE LIMIT 5");
        Assert.NotEmpty(errors);
        Assert.Equal(1, errors[0].Line);
    }
}
