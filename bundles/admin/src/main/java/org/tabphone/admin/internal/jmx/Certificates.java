package org.tabphone.admin.internal.jmx;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.transport.api.TlsCertificate;
import org.tabphone.transport.api.TlsCertificates;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Certificates")
public final class Certificates extends StandardMBean implements CertificatesMBean {
    private final TlsCertificates certificates;

    @Activate
    public Certificates(@Reference TlsCertificates certificates) throws NotCompliantMBeanException {
        super(CertificatesMBean.class);
        this.certificates = certificates;
    }

    @Override
    public int getServed() {
        return (int) certificates.certificates().stream().filter(c -> c.status() == TlsCertificate.Status.OK).count();
    }

    @Override
    public int getProblems() {
        return certificates.certificates().size() - getServed();
    }

    @Override
    public String[] getCertificates() {
        return certificates.certificates().stream()
            .map(c -> c.source() + " | " + String.join(",", c.names()) + " | "
                + c.notAfter().map(Object::toString).orElse("-") + " | " + c.status() + " | " + c.detail())
            .toArray(String[]::new);
    }
}
