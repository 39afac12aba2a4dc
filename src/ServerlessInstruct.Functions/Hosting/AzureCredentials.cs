using Azure.Core;
using Azure.Identity;

namespace ServerlessInstruct.Functions.Hosting;

/// <summary>The app's one identity, for storage and Azure OpenAI alike.</summary>
public static class AzureCredentials
{
    /// <summary>
    /// The user-assigned managed identity when its client id is given (in Azure), else the default chain (a
    /// developer's Azure CLI or Visual Studio login).
    /// </summary>
    public static TokenCredential Create(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
