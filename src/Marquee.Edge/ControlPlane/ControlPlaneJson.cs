using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marquee.Edge.ControlPlane;

/// <summary>
/// The heartbeat's JSON (the web defaults: camelCase, case-insensitive reading), source-generated: the origin reads
/// 200 heartbeats a second at 1,000 edges, and generated metadata spares the reflection-built converters' work on
/// each one.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EdgeHeartbeat))]
[JsonSerializable(typeof(HeartbeatReply))]
public sealed partial class ControlPlaneJson : JsonSerializerContext;
