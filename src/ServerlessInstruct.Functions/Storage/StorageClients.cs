using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using ServerlessInstruct.Functions.Hosting;

namespace ServerlessInstruct.Functions.Storage;

/// <summary>
/// Blob and Table clients for the account named by the <c>AzureWebJobsStorage</c> connection, the same one the
/// host, the blob trigger and Durable Task use: a connection string locally (Azurite), service URIs and a managed
/// identity in Azure (<c>AzureWebJobsStorage__blobServiceUri</c>, <c>__tableServiceUri</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionName = "AzureWebJobsStorage";
    public const string SeedsContainer = "seeds";
    public const string DatasetsContainer = "datasets";
    public const string InstructionsTable = "instructions";

    /// <summary>Batch runs' LLM calls and their answers (<see cref="Llm.Batches.BatchCallBook"/>).</summary>
    public const string BatchCallsTable = "batchcalls";

    public StorageClients(BlobServiceClient blobs, TableServiceClient tables)
    {
        Blobs = blobs;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    public BlobContainerClient Seeds => Blobs.GetBlobContainerClient(SeedsContainer);

    public BlobContainerClient Datasets => Blobs.GetBlobContainerClient(DatasetsContainer);

    public TableClient Instructions => Tables.GetTableClient(InstructionsTable);

    public TableClient BatchCalls => Tables.GetTableClient(BatchCallsTable);

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageClients(new BlobServiceClient(connectionString), new TableServiceClient(connectionString));
        }

        var section = configuration.GetSection(ConnectionName);
        var blobUri = section["blobServiceUri"];
        var tableUri = section["tableServiceUri"];
        var accountName = section["accountName"];
        if (string.IsNullOrWhiteSpace(blobUri) && !string.IsNullOrWhiteSpace(accountName))
        {
            blobUri = $"https://{accountName}.blob.core.windows.net";
            tableUri = $"https://{accountName}.table.core.windows.net";
        }

        if (string.IsNullOrWhiteSpace(blobUri) || string.IsNullOrWhiteSpace(tableUri))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string (locally 'UseDevelopmentStorage=true') " +
                $"or '{ConnectionName}__blobServiceUri' and '{ConnectionName}__tableServiceUri' for a managed identity.");
        }

        var credential = AzureCredentials.Create(section["clientId"]);
        return new StorageClients(
            new BlobServiceClient(new Uri(blobUri), credential),
            new TableServiceClient(new Uri(tableUri), credential));
    }

    /// <summary>Creates the containers and the table if missing; cheap enough to call at every run start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Seeds.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Datasets.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Instructions.CreateIfNotExistsAsync(cancellationToken);
        await BatchCalls.CreateIfNotExistsAsync(cancellationToken);
    }
}
