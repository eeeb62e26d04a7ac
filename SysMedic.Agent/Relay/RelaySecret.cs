using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SysMedic.Core.Config;

namespace SysMedic.Agent.Relay;

/// <summary>The relay's shared secret: made with a CSPRNG, stored in the configuration file (mode 0600), compared in constant time.</summary>
public static class RelaySecret
{
    /// <summary>The configuration key that holds it.</summary>
    public const string Key = "websocket.secret";

    /// <summary>Bytes of randomness in a secret (encoded as 43 characters of base64url).</summary>
    public const int Bytes = 32;

    /// <summary>A new secret: 32 random bytes, base64url without padding.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }

    /// <summary>
    /// Whether <paramref name="presented"/> is <paramref name="secret"/>, in time that depends on neither (both are
    /// hashed first, so their lengths leak nothing). An empty secret matches nothing.
    /// </summary>
    public static bool Matches(string? presented, string secret)
    {
        if (presented is null || secret.Length == 0)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>
    /// Writes <paramref name="secret"/> into the configuration file at <paramref name="configPath"/>, keeping the
    /// rest of the file; the file becomes mode 0600. Returns what was done, or why not.
    /// </summary>
    public static ConfigSetResult Store(string configPath, string secret) =>
        ConfigSetter.Set(configPath, Key, secret, SysMedicPaths.ForCurrentUser());
}
