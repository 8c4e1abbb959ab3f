using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Tests.Stores;

public sealed class InMemoryStateStoreTests : StateStoreContractTests
{
    protected override IStateStore CreateStore(StoreDurability durability = StoreDurability.Batched) =>
        new InMemoryStateStore(new StateStoreOptions { Durability = durability });
}
