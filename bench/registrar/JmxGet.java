import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads org.tabphone MBean attributes from a running gateway over Karaf's JMX connector.
 * Usage: java JmxGet.java <service url> Registrations.Count Transports.Transactions ...
 * (Type.Attribute of org.tabphone:type=Type); prints Type.Attribute=value lines. User admin/admin.
 */
public class JmxGet {
    public static void main(String[] args) throws Exception {
        JMXServiceURL url = new JMXServiceURL(args[0]);
        Map<String, Object> env = Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", "admin"});
        try (JMXConnector c = JMXConnectorFactory.connect(url, env)) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            for (int i = 1; i < args.length; i++) {
                String[] ta = args[i].split("\\.", 2);
                Object v = mbs.getAttribute(new ObjectName("org.tabphone:type=" + ta[0]), ta[1]);
                System.out.println(args[i] + "=" + v);
            }
        }
    }
}
