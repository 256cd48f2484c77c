using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Commitments.Api.Hosting;

/// <summary>
/// At most <c>Limits:ConnectionsPerAddress</c> (default 100) open connections from one client address; the next is
/// closed at once. Without it one address holding idle sockets fills Kestrel's global connection limit for everyone.
/// </summary>
public sealed class ConnectionsPerAddress(int budget)
{
    private readonly Dictionary<IPAddress, int> _open = [];

    public int Budget { get; } = budget;

    public ConnectionDelegate Guard(ConnectionDelegate next) => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var remote })
        {
            await next(connection);
            return;
        }
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        if (!TryOpen(address))
        {
            connection.Abort(new ConnectionAbortedException($"More than {Budget} connections from one address."));
            return;
        }
        try
        {
            await next(connection);
        }
        finally
        {
            Close(address);
        }
    };

    private bool TryOpen(IPAddress address)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(address);
            if (open >= Budget) return false;
            _open[address] = open + 1;
            return true;
        }
    }

    private void Close(IPAddress address)
    {
        lock (_open)
        {
            if (_open[address] <= 1) _open.Remove(address);
            else _open[address]--;
        }
    }
}
