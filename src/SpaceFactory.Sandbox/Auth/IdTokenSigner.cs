using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Auth;

/// <summary>
/// Signs ID tokens (RS256 JWTs) with an RSA key that lives only in memory for the Sandbox's lifetime, and publishes its
/// public half as a JWK set (the key is dropped with the Sandbox), so a standard OpenID Connect client validates the tokens as it would the Hub's.
/// </summary>
internal sealed class IdTokenSigner
{
    private readonly RSA _key = RSA.Create(2048);

    /// <summary>The key id (<c>kid</c>) of the header and the JWK.</summary>
    public string KeyId { get; } = Infrastructure.HexIds.New(16);

    /// <summary>The JWK set served at <c>jwks_uri</c>.</summary>
    public JsonObject Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Base64Url(parameters.Modulus!),
            ["e"] = Base64Url(parameters.Exponent!),
        };
        return new JsonObject { ["keys"] = new JsonArray(key) };
    }

    /// <summary>A signed compact JWT of <paramref name="claims"/>.</summary>
    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The <c>at_hash</c> of an access token: the left half of its SHA-256, base64url.</summary>
    public static string AccessTokenHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64Url(hash.AsSpan(0, hash.Length / 2));
    }

    /// <summary>The PKCE S256 challenge of a verifier: base64url(SHA-256(verifier)) without padding.</summary>
    public static string S256(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
