using System.Runtime.InteropServices;

namespace Omk.Cli.Hosting;

/// <summary>
/// The width in columns of the terminal on a descriptor, asked of the terminal itself (<c>ioctl TIOCGWINSZ</c>) rather
/// than through <see cref="Console"/>, which sets the terminal up for key reading when first used.
/// </summary>
internal static partial class TerminalWidth
{
    private const nuint LinuxGetWindowSize = 0x5413;
    private const nuint MacGetWindowSize = 0x40087468;

    /// <summary>Gets the terminal's width, else <c>$COLUMNS</c>, else null.</summary>
    /// <param name="descriptor">The descriptor: 1 for standard output.</param>
    /// <param name="getVariable">Reads an environment variable.</param>
    /// <returns>The width in columns, or null when it cannot be told.</returns>
    public static int? Of(int descriptor, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var size = default(WindowSize);
            if (GetWindowSize(descriptor, OperatingSystem.IsMacOS() ? MacGetWindowSize : LinuxGetWindowSize, ref size) == 0 && size.Columns > 0)
            {
                return size.Columns;
            }
        }

        return int.TryParse(getVariable(EnvironmentVariables.Columns), out var columns) && columns > 0 ? columns : null;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int GetWindowSize(int descriptor, nuint request, ref WindowSize size);

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }
}
