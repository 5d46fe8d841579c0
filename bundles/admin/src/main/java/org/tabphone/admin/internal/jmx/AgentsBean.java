package org.tabphone.admin.internal.jmx;

import java.util.Map;
import java.util.TreeMap;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.agent.api.Agents;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Agents")
public final class AgentsBean extends StandardMBean implements AgentsMBean {
    private final Agents agents;

    @Activate
    public AgentsBean(@Reference Agents agents) throws NotCompliantMBeanException {
        super(AgentsMBean.class);
        this.agents = agents;
    }

    @Override
    public int getCount() {
        return agents.agents().size();
    }

    @Override
    public int getActiveCalls() {
        return agents.calls().size();
    }

    @Override
    public Map<String, String> getAgents() {
        Map<String, String> m = new TreeMap<>();
        for (Agents.AgentInfo a : agents.agents()) {
            m.put(a.name(), a.type() + " " + String.join(",", a.numbers()) + " ("
                + (a.available() ? "available" : "type not installed") + ")");
        }
        return m;
    }

    @Override
    public boolean isRecognizerAvailable() {
        return agents.recognition().available();
    }

    @Override
    public String getRecognizerState() {
        return agents.recognition().state();
    }

    @Override
    public long getRecognitions() {
        return agents.recognition().done();
    }

    @Override
    public long getRecognitionsHeard() {
        return agents.recognition().heard();
    }

    @Override
    public long getRecognitionsFailed() {
        return agents.recognition().failed();
    }

    @Override
    public double getRecognitionMeanMillis() {
        return agents.recognition().meanMillis();
    }

    @Override
    public String getStreamListener() {
        return agents.streamListener().address();
    }

    @Override
    public int getStreamSocketsConnected() {
        return agents.streamListener().connectedTotal();
    }

    @Override
    public int getStreamSocketsWaiting() {
        return agents.streamListener().waiting().values().stream().mapToInt(Integer::intValue).sum();
    }
}
