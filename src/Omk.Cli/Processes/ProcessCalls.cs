using System.Runtime.InteropServices;

namespace Omk.Cli.Processes;

/// <summary>
/// The POSIX calls that start a command in a process group of its own and signal that group, which .NET's
/// <see cref="System.Diagnostics.Process"/> cannot do: <c>posix_spawnp</c> with <c>POSIX_SPAWN_SETPGROUP</c>,
/// <c>waitpid</c>, <c>kill</c> of a group, and the terminal's foreground group. Linux and macOS.
/// </summary>
internal static unsafe partial class ProcessCalls
{
    /// <summary>The size reserved for a <c>posix_spawnattr_t</c> (336 bytes on glibc x64, a pointer on macOS).</summary>
    public const int SpawnAttributesBytes = 1024;

    /// <summary>The size reserved for a <c>sigset_t</c> (128 bytes on glibc, 4 on macOS).</summary>
    public const int SignalSetBytes = 256;

    /// <summary><c>POSIX_SPAWN_SETPGROUP</c>: the child gets the process group given (0: a new one, its own id).</summary>
    public const short SpawnSetProcessGroup = 0x02;

    /// <summary><c>POSIX_SPAWN_SETSIGDEF</c>: the signals of the set get their default action in the child.</summary>
    public const short SpawnSetSignalDefaults = 0x04;

    /// <summary><c>POSIX_SPAWN_SETSIGMASK</c>: the child's signal mask is the set given.</summary>
    public const short SpawnSetSignalMask = 0x08;

    /// <summary><c>EINTR</c>: a call interrupted by a signal, to retry.</summary>
    public const int EINTR = 4;

    /// <summary><c>ESRCH</c>: no such process or group.</summary>
    public const int ESRCH = 3;

    /// <summary><c>ENOENT</c>: no such file.</summary>
    public const int ENOENT = 2;

    /// <summary><c>EACCES</c>: not allowed (not executable).</summary>
    public const int EACCES = 13;

    /// <summary>Gets the number of <c>SIGINT</c>.</summary>
    public static int SigInt => 2;

    /// <summary>Gets the number of <c>SIGKILL</c>.</summary>
    public static int SigKill => 9;

    /// <summary>Gets the number of <c>SIGTERM</c>.</summary>
    public static int SigTerm => 15;

    // Stryker disable once Conditional : the value for macOS; a run on Linux cannot execute it
    /// <summary>Gets the number of <c>SIGSTOP</c>, whose action cannot be set.</summary>
    public static int SigStop => OperatingSystem.IsMacOS() ? 17 : 19;

    /// <summary>Gets the number of <c>SIGCONT</c>.</summary>
    // Stryker disable once Conditional : the value for macOS; a run on Linux cannot execute it
    public static int SigCont => OperatingSystem.IsMacOS() ? 19 : 18;

    /// <summary>Gets the number of <c>SIGTTOU</c>, sent to a background group that takes the terminal.</summary>
    public static int SigTtou => 22;

    // Stryker disable once Conditional : the value for macOS; a run on Linux cannot execute it
    /// <summary>Gets <c>SIG_BLOCK</c>.</summary>
    public static int SigBlock => OperatingSystem.IsMacOS() ? 1 : 0;

    // Stryker disable once Conditional : the value for macOS; a run on Linux cannot execute it
    /// <summary>Gets <c>SIG_SETMASK</c>.</summary>
    public static int SigSetMask => OperatingSystem.IsMacOS() ? 3 : 2;

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    public static partial int SpawnAttributesInit(byte* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    public static partial int SpawnAttributesDestroy(byte* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    public static partial int SpawnAttributesSetFlags(byte* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setpgroup")]
    public static partial int SpawnAttributesSetProcessGroup(byte* attributes, int processGroup);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int SpawnAttributesSetSignalMask(byte* attributes, byte* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int SpawnAttributesSetSignalDefaults(byte* attributes, byte* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnp")]
    public static partial int SpawnP(int* processId, byte* file, void* fileActions, byte* attributes, byte** arguments, byte** environment);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    public static partial int SignalSetEmpty(byte* signals);

    [LibraryImport("libc", EntryPoint = "sigaddset")]
    public static partial int SignalSetAdd(byte* signals, int signal);

    [LibraryImport("libc", EntryPoint = "pthread_sigmask")]
    public static partial int ThreadSignalMask(int how, byte* signals, byte* old);

    /// <summary>The size reserved for a <c>siginfo_t</c> (128 bytes on Linux, 104 on macOS).</summary>
    public const int SignalInfoBytes = 256;

    /// <summary>Gets <c>P_PID</c>: <c>waitid</c> waits for one process.</summary>
    public static int IdTypeProcess => 1;

    /// <summary>Gets <c>WEXITED</c>: <c>waitid</c> waits for an end.</summary>
    public static int WaitExited => 4;

    // Stryker disable once Conditional : the value for macOS; a run on Linux cannot execute it
    /// <summary>Gets <c>WSTOPPED</c>: <c>waitid</c> also reports a stop (by SIGTSTP, SIGTTIN, SIGTTOU or SIGSTOP).</summary>
    public static int WaitStopped => OperatingSystem.IsMacOS() ? 8 : 2;

    /// <summary>Gets <c>CLD_STOPPED</c>, the <c>si_code</c> of a child that stopped.</summary>
    public static int ChildStopped => 5;

    /// <summary>Gets the offset of <c>si_code</c> in a <c>siginfo_t</c> (after <c>si_signo</c> and <c>si_errno</c>).</summary>
    public static int SignalInfoCodeOffset => 8;

    // Stryker disable once Conditional : the value for macOS; a run on Linux cannot execute it
    /// <summary>Gets <c>WNOWAIT</c>: <c>waitid</c> leaves the ended process to be reaped later.</summary>
    public static int WaitNoWait => OperatingSystem.IsMacOS() ? 0x20 : 0x01000000;

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    public static partial int WaitId(int idType, int id, byte* info, int options);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int processId, int* status, int options);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int processId, int signal);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int descriptor);

    [LibraryImport("libc", EntryPoint = "tcgetpgrp", SetLastError = true)]
    public static partial int TcGetPgrp(int descriptor);

    [LibraryImport("libc", EntryPoint = "tcsetpgrp", SetLastError = true)]
    public static partial int TcSetPgrp(int descriptor, int processGroup);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    public static partial int GetPgrp();

    [LibraryImport("libc", EntryPoint = "getpid")]
    public static partial int GetPid();
}
