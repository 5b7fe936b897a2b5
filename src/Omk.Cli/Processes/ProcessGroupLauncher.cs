using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Omk.Cli.Hosting;
using Omk.Cost.Application.Runs;

namespace Omk.Cli.Processes;

/// <summary>
/// Starts a command with <c>posix_spawnp</c> in a process group of its own, with omk's standard streams, environment
/// and a clean signal state (default actions, nothing blocked). When omk's standard input is the terminal and omk's
/// group is in its foreground, the command's group is given the terminal (so that an interactive agent reads keys and
/// gets Ctrl-C), and omk takes it back when the command has ended.
/// </summary>
internal sealed class ProcessGroupLauncher : IChildProcessLauncher
{
    /// <inheritdoc/>
    public IChildProcess Start(ChildCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new ChildStartException("omk cost run starts commands on Linux and macOS only");
        }

        var processId = Spawn(command);
        var terminal = ForegroundTerminal.GiveTo(processId);
        return new ProcessGroupChild(processId, terminal);
    }

    private static unsafe int Spawn(ChildCommand command)
    {
        var strings = new List<IntPtr>();
        try
        {
            var file = Utf8(command.FileName, strings);
            var arguments = NullTerminated([command.FileName, .. command.Arguments], strings);
            var environment = NullTerminated(Environment(command), strings);
            var attributes = stackalloc byte[ProcessCalls.SpawnAttributesBytes];
            var mask = stackalloc byte[ProcessCalls.SignalSetBytes];
            var defaults = stackalloc byte[ProcessCalls.SignalSetBytes];
            Check(ProcessCalls.SpawnAttributesInit(attributes), command);
            try
            {
                SetUp(attributes, mask, defaults, command);
                int processId;
                fixed (IntPtr* argv = arguments)
                fixed (IntPtr* envp = environment)
                {
                    Check(ProcessCalls.SpawnP(&processId, (byte*)file, null, attributes, (byte**)argv, (byte**)envp), command);
                }

                return processId;
            }
            finally
            {
                ProcessCalls.SpawnAttributesDestroy(attributes);
            }
        }
        finally
        {
            foreach (var pointer in strings)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>
    /// Sets the spawn's attributes: a process group of its own, no signal blocked, and every signal that can be caught
    /// back at its default action.
    /// </summary>
    private static unsafe void SetUp(byte* attributes, byte* mask, byte* defaults, ChildCommand command)
    {
        ProcessCalls.SignalSetEmpty(mask);
        ProcessCalls.SignalSetEmpty(defaults);
        for (var signal = 1; signal < 32; signal++)
        {
            if (signal != ProcessCalls.SigKill && signal != ProcessCalls.SigStop)
            {
                ProcessCalls.SignalSetAdd(defaults, signal);
            }
        }

        Check(ProcessCalls.SpawnAttributesSetFlags(attributes, ProcessCalls.SpawnSetProcessGroup | ProcessCalls.SpawnSetSignalDefaults | ProcessCalls.SpawnSetSignalMask), command);
        Check(ProcessCalls.SpawnAttributesSetProcessGroup(attributes, 0), command);
        Check(ProcessCalls.SpawnAttributesSetSignalMask(attributes, mask), command);
        Check(ProcessCalls.SpawnAttributesSetSignalDefaults(attributes, defaults), command);
    }

    /// <summary>The command's environment: omk's own, with the working folder as <c>PWD</c>.</summary>
    private static List<string> Environment(ChildCommand command)
    {
        var variables = new List<string>();
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name != EnvironmentVariables.WorkingDirectory)
            {
                variables.Add($"{name}={entry.Value}");
            }
        }

        variables.Add($"{EnvironmentVariables.WorkingDirectory}={command.WorkingDirectory}");
        return variables;
    }

    private static IntPtr Utf8(string text, List<IntPtr> strings)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        strings.Add(pointer);
        return pointer;
    }

    private static IntPtr[] NullTerminated(IReadOnlyList<string> texts, List<IntPtr> strings)
    {
        var pointers = new IntPtr[texts.Count + 1];
        for (var index = 0; index < texts.Count; index++)
        {
            pointers[index] = Utf8(texts[index], strings);
        }

        return pointers;
    }

    private static void Check(int error, ChildCommand command)
    {
        if (error == 0)
        {
            return;
        }

        var why = error switch
        {
            ProcessCalls.ENOENT => "not found (give a path, or a program on the PATH)",
            ProcessCalls.EACCES => "not allowed to run it (is it executable?)",
            _ => new StringBuilder().Append("error ").Append(error).Append(' ').Append(Marshal.GetPInvokeErrorMessage(error)).ToString(),
        };
        throw new ChildStartException($"cannot start '{command.FileName}': {why}");
    }
}
