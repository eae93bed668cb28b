package rxgate.gateway.config;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The embedded demo cell starts when {@code rxgate.embedded.enabled} and no {@code rxgate.cells} are set. */
public class EmbeddedCellCondition implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        boolean enabled = binder.bind("rxgate.embedded.enabled", Boolean.class).orElse(true);
        boolean cellsConfigured = binder.bind("rxgate.cells", Bindable.listOf(RxgateProperties.Cell.class))
                .map(l -> !l.isEmpty()).orElse(false);
        return enabled && !cellsConfigured;
    }
}
