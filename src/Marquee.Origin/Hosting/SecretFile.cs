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
            var temporary = $"{path}.{Ids.New()}.tmp";
            File.WriteAllText(temporary, generate());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

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
}
