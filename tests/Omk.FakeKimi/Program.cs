using System.Globalization;
using System.Runtime.InteropServices;

// A fake Kimi agent. It writes the session logs of Kimi CLI ($KIMI_SHARE_DIR) or Kimi Code ($KIMI_CODE_HOME) for its
// working folder, one model call every --interval-ms, each of --input uncached input and --output output tokens, and
// every --subagent-every-th call by a subagent (Kimi CLI: in the subagent's own wire.jsonl and wrapped in the
// parent's; Kimi Code: an agent of its own). It stops after --calls calls (exit 0), at SIGINT (exit 130) unless
// --ignore-sigint, and at SIGTERM unless --ignore-sigterm; SIGKILL ends it in any case. With --session <id> (Kimi CLI's
// logs) it writes that session, and continues its wire file when it has one, as `kimi --resume <id>` does. It writes "started <pid> pgrp <group> tpgid <terminal's
// foreground group>" and then each call's number and Unix milliseconds to the --journal file.
var options = Options.Parse(args);
var interrupted = 0;
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    if (!options.IgnoreInterrupt)
    {
        Interlocked.Exchange(ref interrupted, 1);
    }
});

using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (options.IgnoreTermination)
    {
        context.Cancel = true;
        Journal("ignored SIGTERM");
    }
});

var cwd = Environment.CurrentDirectory;
var sessionId = options.Session ?? Guid.NewGuid().ToString();
var writer = options.Format == "code" ? (ICallWriter)new KimiCodeWriter(cwd, sessionId) : new KimiCliWriter(cwd, sessionId);
// The process group and the terminal's foreground group, from /proc/self/stat (fields 5 and 8), where there is one.
var stat = File.Exists("/proc/self/stat") ? File.ReadAllText("/proc/self/stat") : null;
var fields = stat?[(stat.LastIndexOf(')') + 2)..].Split(' ');
Journal($"started {Environment.ProcessId} pgrp {fields?[2]} tpgid {fields?[5]}");
for (var call = 1; call <= options.Calls; call++)
{
    Thread.Sleep(options.IntervalMs);
    if (Volatile.Read(ref interrupted) == 1)
    {
        Journal("interrupted");
        return 130;
    }

    var bySubagent = options.SubagentEvery > 0 && call % options.SubagentEvery == 0;
    writer.Write(call, options.Input, options.Output, bySubagent);
    Journal(string.Create(CultureInfo.InvariantCulture, $"call {call} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}"));
}

Journal("done");
return 0;

void Journal(string line)
{
    if (options.Journal is { } path)
    {
        File.AppendAllText(path, line + "\n");
    }
}
