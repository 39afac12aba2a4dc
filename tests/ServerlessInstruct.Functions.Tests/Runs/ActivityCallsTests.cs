using System.Reflection;
using ServerlessInstruct.Functions.Activities;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Runs;

/// <summary>The orchestrator's typed activity calls name real activities with the types those activities take and give.</summary>
public sealed class ActivityCallsTests
{
    public static TheoryData<string> Calls()
    {
        var data = new TheoryData<string>();
        foreach (var field in CallFields())
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_call_has_its_activitys_name_input_and_output(string field)
    {
        var call = CallFields().Single(f => f.Name == field);
        var name = (string)call.FieldType.GetProperty(nameof(ActivityCall<int, int>.Name))!.GetValue(call.GetValue(null))!;
        var activity = Assert.Single(PipelineActivities.Types, t => t.Name == name);
        var contract = activity.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPipelineActivity<,>));

        Assert.Equal(contract.GetGenericArguments(), call.FieldType.GetGenericArguments());
    }

    [Fact]
    public void Every_activity_has_a_call() =>
        Assert.Equal(
            PipelineActivities.Types.Select(t => t.Name).Order(),
            CallFields().Select(f => f.Name).Order());

    private static IEnumerable<FieldInfo> CallFields() =>
        typeof(ActivityCalls).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(ActivityCall<,>));
}
