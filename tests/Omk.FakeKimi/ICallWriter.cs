/// <summary>Writes one model call to a session's logs.</summary>
internal interface ICallWriter
{
    void Write(int call, long input, long output, bool bySubagent);
}
