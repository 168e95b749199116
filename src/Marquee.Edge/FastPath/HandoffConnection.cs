using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Marquee.Edge.FastPath;

/// <summary>
/// The connection Kestrel's HTTP layer sees for one handed-off request: the real connection's identity, lifetime
/// and features, but pipes of the fast path's own, holding that one request in and its response out. The input
/// ends after the request, so Kestrel answers it and stops; a new one is made for the next hand-off. Kestrel's
/// per-connection registrations (its heartbeat above all) land here rather than on the real connection, where a
/// long keep-alive connection would collect one per hand-off.
/// </summary>
internal sealed class HandoffConnection : ConnectionContext, IConnectionHeartbeatFeature, IConnectionTransportFeature
{
    private readonly ConnectionContext real;
    private readonly List<(Action<object> Action, object State)> heartbeats = [];

    public HandoffConnection(ConnectionContext real, IDuplexPipe transport)
    {
        this.real = real;
        Transport = transport;
        Features = new FeatureCollection(real.Features);
        Features.Set<IConnectionHeartbeatFeature>(this);
        Features.Set<IConnectionTransportFeature>(this);
    }

    public override string ConnectionId
    {
        get => real.ConnectionId;
        set => real.ConnectionId = value;
    }

    public override IFeatureCollection Features { get; }

    public override IDictionary<object, object?> Items
    {
        get => real.Items;
        set => real.Items = value;
    }

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed
    {
        get => real.ConnectionClosed;
        set => real.ConnectionClosed = value;
    }

    public override EndPoint? LocalEndPoint
    {
        get => real.LocalEndPoint;
        set => real.LocalEndPoint = value;
    }

    public override EndPoint? RemoteEndPoint
    {
        get => real.RemoteEndPoint;
        set => real.RemoteEndPoint = value;
    }

    /// <summary>Kestrel aborting its request (a broken fill, a timeout) aborts the real connection: never a short answer passed off as whole.</summary>
    public override void Abort(ConnectionAbortedException abortReason) => real.Abort(abortReason);

    public void OnHeartbeat(Action<object> action, object state)
    {
        lock (heartbeats)
        {
            heartbeats.Add((action, state));
        }
    }

    /// <summary>Called from the real connection's heartbeat while this hand-off lasts.</summary>
    public void Tick()
    {
        lock (heartbeats)
        {
            foreach (var (action, state) in heartbeats)
            {
                action(state);
            }
        }
    }
}
