using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>Response helpers that reproduce the Hub's error and body conventions.</summary>
internal static class SandboxHttp
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes <paramref name="value"/> as JSON with the given status.</summary>
    public static Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK, string contentType = JsonContentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted);
    }

    /// <summary>Writes a JSON node (dynamic shapes: model info, Gradio config).</summary>
    public static Task WriteNodeAsync(HttpContext context, JsonNode? node, int status = StatusCodes.Status200OK, string contentType = JsonContentType)
        => WriteJsonAsync(context, node, SandboxJsonContext.Relaxed.JsonNode, status, contentType);

    /// <summary>Writes a plain text body.</summary>
    public static Task WriteTextAsync(HttpContext context, string text, int status = StatusCodes.Status200OK, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>
    /// Writes a Hub error: status, <c>X-Error-Message</c>, optional <c>X-Error-Code</c>, body <c>{"error": message}</c>.
    /// </summary>
    public static Task ErrorAsync(HttpContext context, int status, string message, string? errorCode = null)
    {
        var headers = context.Response.Headers;
        headers["X-Error-Message"] = HeaderSafe(message);
        if (errorCode is not null)
        {
            headers["X-Error-Code"] = errorCode;
        }

        return WriteNodeAsync(context, new JsonObject { ["error"] = message }, status);
    }

    /// <summary>Reads the request body as a JSON object, or null when it is empty or not an object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        try
        {
            var node = await JsonSerializer.DeserializeAsync(context.Request.Body, SandboxJsonContext.Default.JsonNode, context.RequestAborted).ConfigureAwait(false);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a typed JSON body, or default when it does not parse.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>A route value as a string ("" when absent).</summary>
    public static string Route(HttpContext context, string name)
        => context.Request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";

    /// <summary>Header values must be ASCII without control characters.</summary>
    private static string HeaderSafe(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : ' ');
        }

        return builder.ToString();
    }
}
