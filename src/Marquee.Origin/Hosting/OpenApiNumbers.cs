using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marquee.Origin.Hosting;

/// <summary>
/// The web serializer defaults accept numbers written as strings, so the generated document types every number as
/// "integer or string" with a pattern. The origin always writes numbers as numbers; describing them that way gives
/// clients (the web app's generated types among them) the contract they can rely on.
/// </summary>
internal static class OpenApiNumbers
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }
}
