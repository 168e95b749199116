using System.Text.Json.Serialization;

namespace Marquee.Origin.Uploads;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(UploadRecord))]
internal sealed partial class UploadRecordJsonContext : JsonSerializerContext
{
}
