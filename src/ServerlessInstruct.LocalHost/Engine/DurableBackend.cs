namespace ServerlessInstruct.LocalHost.Engine;

/// <summary>Where the local Durable Task engine keeps orchestration state.</summary>
public enum DurableBackend
{
    /// <summary>
    /// Durable Task's Azure Storage provider on the pipeline's storage account (Azurite locally): the backend Durable
    /// Functions uses by default, so a killed process resumes its runs where they stopped.
    /// </summary>
    AzureStorage,

    /// <summary>Process memory: nothing survives the process, but nothing is left behind either.</summary>
    InMemory,
}
