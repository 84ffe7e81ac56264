using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>
/// A loopback HTTP endpoint that reads each request's head and never answers, so a request stays pending until the
/// client gives up. Disposing it closes every connection at once (no graceful drain to wait for).
/// </summary>
internal sealed class BlackHoleServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BlackHoleServer()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The request line of the first request received in full (its head).</summary>
    public Task<string> FirstRequest => _firstRequest.Task;

    public void Dispose()
    {
        _listener.Stop();
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptTcpClientAsync();
                lock (_gate)
                {
                    _connections.Add(connection);
                }

                _ = ReadHeadAsync(connection);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ReadHeadAsync(TcpClient connection)
    {
        try
        {
            var stream = connection.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[4096];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            _firstRequest.TrySetResult(head.ToString().Split("\r\n")[0]);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The client or the test closed the connection.
        }
    }
}
