namespace Marquee.Origin.Hosting;

/// <summary>
/// A secret generated once into the data directory: written to a temporary file readable by the owner only, then
/// moved into place, so a crash never leaves a half-written secret and another process never reads a partial one.
/// </summary>
public static class SecretFile
{
    public static string LoadOrCreate(string path, Func<string> generate)
    {
        if (!File.Exists(path))
        {
            var temporary = WriteTemporary(path, generate());
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (the CLI beside the origin) created it first; use theirs.
                File.Delete(temporary);
            }
        }

        return File.ReadAllText(path).Trim();
    }

    /// <summary>Puts <paramref name="value"/> in place of whatever the file held, in one step.</summary>
    public static void Replace(string path, string value) => File.Move(WriteTemporary(path, value), path, overwrite: true);

    private static string WriteTemporary(string path, string value)
    {
        var temporary = $"{path}.{Ids.New()}.tmp";
        File.WriteAllText(temporary, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return temporary;
    }
}
