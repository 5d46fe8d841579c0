package org.tabphone.admin.internal.jmx;

import java.util.ArrayList;
import java.util.List;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.acl.api.AccessControl;
import org.tabphone.acl.api.AclRule;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Acl")
public final class AccessRules extends StandardMBean implements AccessRulesMBean {
    private final AccessControl acl;

    @Activate
    public AccessRules(@Reference AccessControl acl) throws NotCompliantMBeanException {
        super(AccessRulesMBean.class);
        this.acl = acl;
    }

    @Override
    public long getChecked() {
        return acl.statistics().checked();
    }

    @Override
    public long getAllowedByRule() {
        return acl.statistics().allowedByRule();
    }

    @Override
    public long getDenied() {
        return acl.statistics().denied();
    }

    @Override
    public long getDropped() {
        return acl.statistics().dropped();
    }

    @Override
    public long getRateLimited() {
        return acl.statistics().throttled();
    }

    @Override
    public long getScanners() {
        return acl.statistics().scanners();
    }

    @Override
    public String[] getDeniedByScope() {
        return acl.statistics().deniedByScope().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    }

    @Override
    public String[] getRules() {
        List<String> out = new ArrayList<>();
        for (String scope : acl.scopes()) {
            List<AclRule> rules = acl.rules(scope);
            for (int i = 0; i < rules.size(); i++) {
                out.add(scope + "#" + (i + 1) + " " + rules.get(i));
            }
        }
        return out.toArray(String[]::new);
    }
}
