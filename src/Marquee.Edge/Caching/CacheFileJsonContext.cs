using System.Text.Json.Serialization;

namespace Marquee.Edge.Caching;

[JsonSerializable(typeof(CacheFileHeader))]
internal sealed partial class CacheFileJsonContext : JsonSerializerContext;
