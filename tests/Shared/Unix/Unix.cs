using System.Diagnostics;

namespace Omk.Tests.Unix;

/// <summary>Real Unix things for tests: named pipes, owners, modes, and programs run to completion.</summary>
public static partial class Unix
{
    /// <summary>Gets a value indicating whether the tests run as root.</summary>
    public static bool IsRoot => Environment.UserName == "root" || Run("id", "-u").Output.Trim() == "0";

    /// <summary>Creates a real named pipe (FIFO).</summary>
    public static void MakeFifo(string path) => RunChecked("mkfifo", path);

    /// <summary>
    /// Gets a character device for a test to link to. Run as root, it is a private node of <c>/dev/zero</c>'s device made
    /// in <paramref name="folder"/>: a test of code that must refuse it, run against broken code (or a mutant, under
    /// mutation testing), can then only replace that node, never the system's <c>/dev/zero</c>. A user cannot replace
    /// <c>/dev/zero</c>, and gets it.
    /// </summary>
    public static string CharacterDevice(string folder)
    {
        if (!IsRoot)
        {
            return "/dev/zero";
        }

        var path = System.IO.Path.Combine(folder, "zero");
        RunChecked("mknod", "-m", "666", path, "c", "1", "5");
        return path;
    }

    /// <summary>Binds a real Unix socket at a path; dispose it to close it.</summary>
    public static System.Net.Sockets.Socket BindSocket(string path)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>Gives a path (not a link's target) an owner and group.</summary>
    public static void Chown(string path, int uid, int gid) => RunChecked("chown", "-h", $"{uid}:{gid}", path);

    /// <summary>Gets the owner and group of a path, not following a link.</summary>
    public static (int Uid, int Gid) OwnerOf(string path)
    {
        var parts = RunChecked("stat", "-c", "%u %g", path).Trim().Split(' ');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Gets the inode number of a path, not following a link.</summary>
    public static long InodeOf(string path) =>
        long.Parse(RunChecked("stat", "-c", "%i", path).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs a program to completion (at most 60 s).</summary>
    public static (int ExitCode, string Output, string Error) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not exit within 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string RunChecked(string program, params string[] args)
    {
        var (exitCode, output, error) = Run(program, args);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({exitCode}): {error}");
    }
}
