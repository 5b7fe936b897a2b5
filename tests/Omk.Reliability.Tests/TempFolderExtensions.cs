namespace Omk.Reliability.Tests;

/// <summary>The cost history in a <see cref="TempFolder"/>, and the temp files its writes leave.</summary>
internal static class TempFolderExtensions
{
    extension(TempFolder temp)
    {
        public string CostsFile => temp.Combine("costs.json");

        public string[] TempFiles() => Directory.GetFiles(temp.Path, ".costs.json.tmp.*");
    }
}
