using Microsoft.AspNetCore.Mvc;

namespace ServerlessInstruct.Functions.Http;

internal static class ApiResults
{
    /// <summary>An RFC 9457 problem response with a plain-language detail.</summary>
    public static ObjectResult Problem(int status, string detail) =>
        new(new ProblemDetails { Status = status, Detail = detail }) { StatusCode = status };
}
