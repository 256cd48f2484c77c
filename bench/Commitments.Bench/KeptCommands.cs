using Microsoft.Data.Sqlite;

namespace Commitments.Bench;

/// <summary>
/// The bench's floors run each statement prepared once per connection and again with new values, as the API keeps its
/// statements with its pooled connections (<c>Data/SqliteStatements.cs</c>): a floor that compiled its SQL on every request
/// would be slower than the API it is the floor for. Parameters are the properties of an arguments object named in the SQL,
/// bound by Microsoft.Data.Sqlite as it binds Dapper's (a DateTime as text, a bool as 0 or 1, null as NULL).
/// </summary>
internal sealed class KeptCommands(SqliteConnection connection)
{
    private readonly Dictionary<string, (SqliteCommand Command, System.Reflection.PropertyInfo[] Properties)> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    public SqliteCommand For(string sql, object? args, SqliteTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(sql, out var kept))
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            var named = (args?.GetType().GetProperties() ?? []).Where(p => Names(sql, p.Name)).ToArray();
            foreach (var property in named) command.Parameters.Add(new SqliteParameter("@" + property.Name, DBNull.Value));
            _commands[sql] = kept = (command, named);
        }
        kept.Command.Transaction = transaction;
        for (var i = 0; i < kept.Properties.Length; i++) kept.Command.Parameters[i].Value = kept.Properties[i].GetValue(args) ?? DBNull.Value;
        return kept.Command;
    }

    public Task<int> ExecuteAsync(string sql, object? args, SqliteTransaction? transaction = null) => For(sql, args, transaction).ExecuteNonQueryAsync();

    /// <summary>Runs a query and reads every value of every row, as a mapper would.</summary>
    public async Task ReadAsync(string sql, object? args, SqliteTransaction? transaction = null)
    {
        await using var reader = await For(sql, args, transaction).ExecuteReaderAsync();
        while (await reader.ReadAsync())
            for (var c = 0; c < reader.FieldCount; c++) reader.GetValue(c);
    }

    /// <summary>Whether the SQL names @<paramref name="name"/> (not only a longer name starting with it).</summary>
    private static bool Names(string sql, string name)
    {
        for (var at = sql.IndexOf("@" + name, StringComparison.Ordinal); at >= 0; at = sql.IndexOf("@" + name, at + 1, StringComparison.Ordinal))
        {
            var end = at + 1 + name.Length;
            if (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) return true;
        }
        return false;
    }
}
